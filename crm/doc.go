// Package crm holds Knit's unified CRM models (contacts, accounts, deals and
// custom-object records) and decoders for the sync events that carry them.
//
// # How CRM data reaches you
//
// Knit reads CRM data in two ways. Syncs: Knit polls the connected CRM
// (HubSpot, Salesforce, Pipedrive, ...) and pushes every new, changed or
// deleted record to the webhook you registered for the CRM category in your
// Knit dashboard. And list APIs: Knit's "Filtering Data in APIs" page
// (https://developers.getknit.dev/docs/filtering-data-in-apis) speaks of
// CRM list APIs that take filters as query parameters (for example deals
// updated since your last sync, with updatedAfter). The pages that give
// those APIs' method names, parameters and answers could not be read for
// this SDK, and Knit documents no CRM sync data type strings either, so
// this package ships no typed CRM calls and no data type constants rather
// than guessed ones. Reach a list API through the integration's generic
// call once you have its name from Knit's reference:
//
//	var out json.RawMessage
//	err := in.Do(ctx, http.MethodGet, methodFromKnitsReference,
//		url.Values{"updatedAfter": {lastRun.Format(time.RFC3339)}}, &out)
//	// decode each record of out with DecodeContact, DecodeAccount, ... if
//	// it has the sync models' shape
//
// First start a sync with the data type your Knit dashboard shows for the
// object, subscribing to the models you want:
//
//	job, err := in.Sync.Start(ctx, &knit.SyncStartParams{
//		DataType: dataTypeFromYourDashboard, // Knit does not document the CRM values
//		Models:   []string{crm.ModelContactInfo, crm.ModelContactEmails, crm.ModelContactPhones},
//	})
//
// Knit then sends record.new events (initial_sync), and later record.new,
// record.modified and record.deleted (delta_sync). Verify each with package
// webhook, then decode the event's eventData — the object keyed by each
// model's event data key (info, addresses, phones, emails, customFields, ...)
// — with [DecodeContact], [DecodeAccount], [DecodeDeal] or [DecodeCustomObjectRecord]:
//
//	contact, err := crm.DecodeContact(event.EventData)
//	fmt.Println(contact.Info.FirstName, contact.Info.AccountID)
//
// A model you did not subscribe to is simply empty; unknown keys and enum
// values Knit adds later decode without error and are kept as sent.
//
// # Writing to the CRM
//
// Use the integration's generic call with the Knit method name your Knit
// docs or account manager give you, or passthrough to call the CRM's own API
// with the integration's credentials:
//
//	var out json.RawMessage
//	err := in.Do(ctx, http.MethodPost, methodFromYourKnitDocs, body, &out)
//
//	resp, err := in.Passthrough(ctx, &knit.PassthroughRequest{
//		Method: http.MethodPost,
//		Path:   "/crm/v3/objects/contacts", // HubSpot's own API
//		Body:   []byte(`{"properties":{"email":"ada@example.com"}}`),
//	})
//
// Both get the SDK's headers, retries, logging and *knit.Error values; a
// CRM that does not support a call answers knit.ErrNotSupported.
//
// # Models and money
//
// The models, fields and enum values of this package are those Knit documents
// on its CRM data-model pages (each type cites its page), not guesses or names
// seen only in third-party code. Model IDs for knit.SyncStartParams.Models are
// the Model* constants. [Deal] amounts are [basemodel.Decimal]: the exact digits
// the CRM reported, with exact (Rat, Scaled) and lossy (Float64) conversions.
// Custom fields and user-mapped fields are kept as raw JSON per field.
package crm
