package knit

// Knit wire names of the account-level API, in one place so that a
// correction from Knit's docs or a live account is a one-line change. The
// category packages keep theirs in their own methods.go / wire.go.
const (
	// auth.createSession (CONFIRMED).
	methodCreateSession = "auth.createSession"
	// magicLinkRequestKey is the body flag that asks auth.createSession for
	// a magic link. INFERRED: Knit documents that the API "will return a
	// token or magicLink" but not the flag's name. The response key,
	// "magicLink", is the json tag of AuthSession.MagicLink (also INFERRED).
	magicLinkRequestKey = "generateMagicLink"

	// Integration management (OBSERVED in a third-party client that states
	// it verified them against Knit's docs).
	methodIntegrationDetails    = "integration.details"
	methodIntegrationDeactivate = "integration.deactivate"

	// Syncs (CONFIRMED).
	methodSyncStart       = "sync.start"
	methodSyncCustomStart = "sync.custom.start"

	// Passthrough (OBSERVED in four independent third-party code bases; no
	// Knit docs page is known).
	methodPassthrough = "passthrough"
)

// integrationDetailsQuery is the query of integration.details; the `url`
// tag is the wire name.
type integrationDetailsQuery struct {
	OriginOrgID string `url:"originOrgId"`
}
