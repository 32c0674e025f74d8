// Package ats is Knit's unified ATS (applicant tracking) API: jobs,
// applications and candidates of a connected Greenhouse, Lever, Workable,
// Workday... account, in one shape.
//
// # Getting a client
//
// ATS calls act on one integrated account. Get the handle from the root
// package with the Integration ID that Knit's UI component gave you:
//
//	client, err := knit.NewClient(os.Getenv("KNIT_API_KEY"))
//	...
//	in := client.Integration(integrationID)
//	page, err := in.ATS.Jobs.List(ctx, nil)
//
// The operations are grouped by resource; each calls one Knit method:
//
//	in.ATS.Jobs.List, All              GET  ats.job.list
//	in.ATS.Jobs.Create                 POST ats.job.create
//	in.ATS.Applications.Create         POST ats.application.create
//	in.ATS.Applications.List, All      GET  ats.application.list
//	in.ATS.Applications.Get            GET  ats.application.get
//	in.ATS.Applications.AddAttachment  POST ats.application.attachment.add
//	in.ATS.Candidates.Search           POST ats.candidates.search
//
// Knit's public pages describe creating applications and adding their
// attachments; the other methods, and the list and page shapes, were seen in
// public third-party code calling Knit. Each method's documentation says
// which in one line. Where Knit does not document a field, the params type
// has an Extra map and the answer keeps the whole data in Raw.
//
// Anything else (interviews, offers, stages or notes as their own endpoints)
// is not documented by Knit; reach it through the root package's generic call
// or passthrough.
//
// # Paging
//
// List fetches exactly one page; pass the page's NextPageToken as the next
// call's PageToken (empty means last page). All walks every page for you and
// is what most code wants:
//
//	for job, err := range in.ATS.Jobs.All(ctx, nil) {
//		if err != nil {
//			return err // yielded once; the loop then ends
//		}
//		fmt.Println(job.Info.ID, job.Info.Title)
//	}
//
// The iterator sends nothing until the loop starts, fetches each page once
// when the loop reaches it, and stops fetching when the loop breaks. Knit's
// page-size parameter is not documented. Knit's "Filtering Data in APIs"
// page (https://developers.getknit.dev/docs/filtering-data-in-apis) says
// list APIs take filters as query parameters, names createdAfter,
// updatedAfter, status and jobId as examples, and says each endpoint
// supports its own set, listed on per-endpoint pages this SDK could not
// read; so there are no typed filter fields. Send the ones your endpoint's
// page lists through the Extra query values of [JobListParams] /
// [ApplicationListParams]:
//
//	page, err := in.ATS.Applications.List(ctx, &ats.ApplicationListParams{
//		Extra: url.Values{"jobId": {jobID}, "updatedAfter": {lastRun.Format(time.RFC3339)}},
//	})
//
// The same page speaks of a List Candidates API; its method name is not
// given, so reach it with the integration's Do once you have the name:
//
//	var out json.RawMessage
//	err := in.Do(ctx, http.MethodGet, methodFromKnitsPage, url.Values{"updatedAfter": {since}}, &out)
//
// # Finding one job
//
// Knit has no call that reads a single job. Scan All and break at the
// match; no further page is fetched after the break:
//
//	for job, err := range in.ATS.Jobs.All(ctx, nil) {
//		if err != nil {
//			return nil, err
//		}
//		if job.Info.ID == jobID {
//			return &job, nil
//		}
//	}
//	return nil, errJobNotFound
//
// For many lookups, keep a local copy current with an ats_jobs sync instead.
//
// # Applying a candidate
//
// Applications.Create takes either CandidateID (an existing candidate, e.g.
// found with Candidates.Search) or [Candidate] (a new one), never both; the SDK
// checks this before sending. Workable, Breezy and Loxo accept only a full
// [Candidate]. App-specific fields go in MetaData, sent as the JSON object
// metaData that Knit's page describes; MetaDataString sends the JSON-string
// form a third-party client uses instead. [Answer] the job's questions with
// Answers, typed with the [QuestionType] constants. Files can be sent with the
// application or added afterwards with AddAttachment, whose body Knit has not
// documented (see [AttachmentInput] for the names the SDK sends and how to
// override them with Extra).
//
// Some apps do not support some writes and answer 404 "Tool not supported for
// this app" (Jobs.Create on Workable, for example); test for it with
// errors.Is(err, knit.ErrNotSupported).
//
// # Sync events
//
// For bulk reads, start a sync with the root package's Sync.Start using
// [DataTypeJobs], [DataTypeApplications] or [DataTypeCandidates], and the Model
// constants (or [JobModels], [ApplicationModels], [CandidateModels]) to choose the
// models. Knit then posts one webhook event per record; decode its eventData
// with [DecodeJob], [DecodeApplication] or [DecodeCandidate]. The records have the
// same types as the read calls: a [Job] from a sync and a [Job] from
// ats.job.list are the same struct, one field per Event Data Key.
//
// # Models
//
// Enums ([JobStatus], [ApplicationStatus], [Origin], [OfferStatus], [InterviewStatus])
// are string types with constants including NOT_SPECIFIED; a value the SDK
// does not know is kept as sent, never an error. Knit sends null for empty
// lists at times; they decode as nil slices. Timestamps are
// [basemodel.DateTime], which keeps Knit's text and parses ISO-8601, date-only
// and epoch values on demand. [Job.CustomFields] keeps each custom field as
// sent. These models stay raw (json.RawMessage, kept verbatim so nothing is
// lost; unmarshal them into your own types): [Job.Posts], Compensation,
// Questions, Requirements and InfoEnhanced, and [Candidate.Locations], Skills
// and Experiences, whose field tables the copies of Knit's job and candidate
// data-model pages available to this SDK do not contain (only each model's
// one-line description); candidate and application attachments, whose
// fields Knit does not document; and [Job.RawValues], which is the app's own
// data by definition.
//
// Each model and field says where its shape comes from. "Knit documents"
// means a page of developers.getknit.dev, or one of Knit's use-case pages on
// getknit.dev/solutions-use-cases, which describe a call by example and are
// less exact. "Seen in third-party code calling Knit" means public code that
// someone ships against the live API uses that name: likely right, but not
// Knit's promise. Where neither source names a field (the attachment body,
// for example), the SDK's name is a guess and says so; override it with
// Extra.
package ats
