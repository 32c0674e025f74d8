// Package basemodel holds the base models that several Knit categories share:
// [Address], [Email], [Phone] and [User], the lenient [DateTime] that Knit's ISO-8601
// (sometimes date-only) timestamps decode into, [Decimal] for money, [RawFields]
// for objects of fields kept as sent (custom fields, raw values), and the enum
// conventions.
//
// Knit's enums are UPPER_SNAKE strings with a NOT_SPECIFIED catch-all. Every
// enum in this SDK is a string type with constants; a value the SDK does not
// know decodes fine and is kept as sent, so a new Knit value never breaks
// decoding:
//
//	var e basemodel.Email
//	_ = json.Unmarshal([]byte(`{"type":"WORK","email":"a@b.co"}`), &e)
//	e.Type == basemodel.EmailTypeWork // true
//
// Each type says where its names and values come from: Knit's docs, or
// third-party code calling Knit (public code that works against the live
// API: likely right, but not Knit's promise).
package basemodel
