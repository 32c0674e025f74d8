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
// The operations are grouped by resource, and each doc comment names the
// Knit method it calls and how sure we are of it: CONFIRMED (Knit's docs),
// OBSERVED (seen in third-party code calling Knit; shape verified there, not
// in Knit's docs) or INFERRED (a guess, flagged as such).
//
//	in.ATS.Jobs.List / All              ats.job.list                    OBSERVED
//	in.ATS.Jobs.Create                  ats.job.create                  OBSERVED
//	in.ATS.Applications.List / All      ats.application.list            OBSERVED
//	in.ATS.Applications.Get             ats.application.get             OBSERVED
//	in.ATS.Applications.Create          ats.application.create          CONFIRMED (marketing page) + OBSERVED
//	in.ATS.Applications.AddAttachment   ats.application.attachment.add  CONFIRMED (marketing page), body UNKNOWN
//	in.ATS.Candidates.Search            ats.candidates.search           OBSERVED
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
// page-size and filter parameters are not documented; send them, once known,
// through the Extra query values of JobListParams / ApplicationListParams.
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
// found with Candidates.Search) or Candidate (a new one), never both; the SDK
// checks this before sending. Workable, Breezy and Loxo accept only a full
// Candidate. App-specific fields go in MetaData, which Knit expects as a JSON
// string: give the SDK a map and it sends the encoded text. Answer the job's
// questions with Answers, typed with the QuestionType constants. Files can
// be sent with the application or added afterwards with AddAttachment, whose
// body Knit has not documented (see AttachmentInput for the INFERRED names
// and how to override them with Extra).
//
// Some apps do not support some writes and answer 404 "Tool not supported for
// this app" (Jobs.Create on Workable, for example); test for it with
// errors.Is(err, knit.ErrNotSupported).
//
// # Sync events
//
// For bulk reads, start a sync with the root package's Sync.Start using
// DataTypeJobs, DataTypeApplications or DataTypeCandidates, and the Model
// constants (or JobModels, ApplicationModels, CandidateModels) to choose the
// models. Knit then posts one webhook event per record; decode its eventData
// with DecodeJob, DecodeApplication or DecodeCandidate. The records have the
// same types as the read calls: a Job from a sync and a Job from
// ats.job.list are the same struct, one field per Event Data Key.
//
// # Models
//
// Enums (JobStatus, ApplicationStatus, Origin, OfferStatus, InterviewStatus)
// are string types with constants including NOT_SPECIFIED; a value the SDK
// does not know is kept as sent, never an error. Knit sends null for empty
// lists at times; they decode as nil slices. Timestamps are
// basemodel.DateTime, which keeps Knit's text and parses ISO-8601, date-only
// and epoch values on demand. Models whose fields Knit lists without
// documenting them to us (Job.Posts, Compensation, Questions,
// Requirements, InfoEnhanced, RawValues; Candidate.Locations, Skills,
// Experiences; attachments) are kept verbatim as json.RawMessage so nothing
// is lost: unmarshal them into your own types.
package ats
