package knit

// Knit wire names of the account-level API that are not method names, in
// one place so that a correction is a one-line change. Each Knit method
// name is written once, in the body of the method that calls it, under its
// //knit:operation line.
const (
	// magicLinkRequestKey is the body flag that asks auth.createSession for
	// a magic link. Knit documents that the API "will return a token or
	// magicLink" but not the flag's name: this one is the SDK's guess. So
	// is the response key, "magicLink", the json tag of
	// AuthSession.MagicLink.
	magicLinkRequestKey = "generateMagicLink"
)

// integrationDetailsQuery is the query of integration.details; the `url`
// tag is the wire name.
type integrationDetailsQuery struct {
	OriginOrgID string `url:"originOrgId"`
}
