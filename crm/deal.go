package crm

import (
	"github.com/knit-sdk/knit-go/basemodel"

	"github.com/knit-sdk/knit-go/internal/eventdata"
)

// Deal is a sales opportunity, as delivered in a sync event's eventData, as
// Knit documents it (https://developers.getknit.dev/reference/deal-data-models).
// Each field is filled only when its model was subscribed to.
type Deal struct {
	// Info is model crm_deal_info.
	Info DealInfo `json:"info"`
	// Stage is model crm_deal_stage.
	Stage DealStage `json:"stage"`
	// Accounts is model crm_deal_accounts: IDs of the deal's accounts.
	Accounts []string `json:"accounts"`
	// Contacts is model crm_deal_contacts: IDs of the deal's contacts.
	Contacts []string `json:"contacts"`
}

// DealInfo is model crm_deal_info.
type DealInfo struct {
	// ID is the deal's ID in the CRM.
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Amount is the deal value, exactly as the CRM reported it.
	Amount basemodel.Decimal `json:"amount,omitzero"`
	// Currency is an ISO 4217 code, e.g. "USD".
	Currency string `json:"currency,omitempty"`
	// Owner is the CRM user who owns the deal.
	Owner basemodel.User `json:"owner"`
	// CreatedBy is the CRM user who created the deal.
	CreatedBy      basemodel.User     `json:"createdBy"`
	Status         DealStatus         `json:"status,omitempty"`
	CreatedAt      basemodel.DateTime `json:"createdAt,omitempty"`
	LastActivityAt basemodel.DateTime `json:"lastActivityAt,omitempty"`
}

// DealStage is model crm_deal_stage. The pipeline fields are set when the CRM
// supports several pipelines.
type DealStage struct {
	StageID      string `json:"stageId,omitempty"`
	StageName    string `json:"stageName,omitempty"`
	PipelineID   string `json:"pipelineId,omitempty"`
	PipelineName string `json:"pipelineName,omitempty"`
}

// DecodeDeal decodes a sync event's eventData (keys info, stage, accounts,
// contacts) into a Deal. Unknown keys are ignored, missing or null models
// stay empty; input that is not a JSON object is an error.
func DecodeDeal(eventData []byte) (*Deal, error) {
	return eventdata.Decode[Deal]("crm.Deal", eventData)
}
