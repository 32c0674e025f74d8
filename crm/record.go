package crm

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// CustomObjectRecord is a record of a CRM custom object, as delivered in a
// sync event's eventData, as Knit documents it
// (https://developers.getknit.dev/reference/custom-objects-records-data-model).
type CustomObjectRecord struct {
	// Info is model crm_record_info.
	Info RecordInfo `json:"info"`
	// Fields is model crm_record_fields: the record's fields by name, as raw
	// JSON (decode each with json.Unmarshal into the type you expect).
	Fields basemodel.RawFields `json:"fields"`
}

// RecordInfo is model crm_record_info.
type RecordInfo struct {
	// ID is the record's ID in the CRM.
	ID string `json:"id"`
	// SchemaID identifies the custom object the record belongs to.
	SchemaID       string             `json:"schemaId,omitempty"`
	Name           string             `json:"name,omitempty"`
	ExternalID     string             `json:"externalId,omitempty"`
	CreatedAt      basemodel.DateTime `json:"createdAt,omitempty"`
	UpdatedAt      basemodel.DateTime `json:"updatedAt,omitempty"`
	LastActivityAt basemodel.DateTime `json:"lastActivityAt,omitempty"`
	// CreatedBy is the creating user's ID (a string in Knit's model, unlike
	// the User objects of contacts, accounts and deals).
	CreatedBy string `json:"createdBy,omitempty"`
	// UpdatedBy is the last updating user's ID.
	UpdatedBy string `json:"updatedBy,omitempty"`
}

// DecodeCustomObjectRecord decodes a sync event's eventData (keys info,
// fields) into a CustomObjectRecord. Unknown keys are ignored, missing or
// null models stay empty; input that is not a JSON object is an error.
func DecodeCustomObjectRecord(eventData []byte) (*CustomObjectRecord, error) {
	return eventdata.Decode[CustomObjectRecord]("crm.CustomObjectRecord", eventData)
}
