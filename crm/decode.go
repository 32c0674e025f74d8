package crm

import "github.com/knit-sdk/knit-go/internal/eventdata"

// decodeObject decodes eventData, which must be a JSON object, into a new T.
// name is the Go type name used in errors.
func decodeObject[T any](name string, eventData []byte) (*T, error) {
	return eventdata.Decode[T]("crm."+name, eventData)
}
