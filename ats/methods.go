package ats

// Knit method names of the ATS operations. Each is appended to the base URL
// (e.g. https://api.getknit.dev/v1.0/ats.job.list). They live here once so a
// correction from Knit's docs is a one-line change; *knit.Error.Method carries
// the same strings.
const (
	// MethodJobList lists jobs, one page per call (GET, OBSERVED).
	MethodJobList = "ats.job.list"
	// MethodJobCreate creates a job (POST, OBSERVED).
	MethodJobCreate = "ats.job.create"
	// MethodApplicationList lists applications, one page per call (GET, OBSERVED).
	MethodApplicationList = "ats.application.list"
	// MethodApplicationGet reads one application (GET, OBSERVED).
	MethodApplicationGet = "ats.application.get"
	// MethodApplicationCreate creates an application, and the candidate if
	// needed (POST, CONFIRMED on a Knit marketing page and OBSERVED).
	MethodApplicationCreate = "ats.application.create"
	// MethodApplicationAttachmentAdd adds a resume or other file to an
	// application (POST, CONFIRMED on a Knit marketing page; body UNKNOWN).
	MethodApplicationAttachmentAdd = "ats.application.attachment.add"
	// MethodCandidatesSearch finds candidates by name or email (POST, OBSERVED).
	MethodCandidatesSearch = "ats.candidates.search"
)

// Query parameter names sent by this package (OBSERVED). The page token name
// is shared by every list method and lives in the transport.
const (
	paramApplicationID = "applicationId"
	paramCandidateID   = "candidateId"
)

// Sync data types, the dataType of sync.start for ATS records.
const (
	// DataTypeJobs syncs jobs (CONFIRMED); decode events with DecodeJob.
	DataTypeJobs = "ats_jobs"
	// DataTypeApplications syncs applications (CONFIRMED); decode events with
	// DecodeApplication.
	DataTypeApplications = "ats_applications"
	// DataTypeCandidates syncs candidates (CONFIRMED on a Knit marketing page);
	// decode events with DecodeCandidate.
	DataTypeCandidates = "ats_candidates"
)

// Job model IDs for the models list of sync.start with DataTypeJobs
// (CONFIRMED, developers.getknit.dev/reference/job-data-models). The comment
// names the Event Data Key, i.e. the Job field, each model fills.
const (
	ModelJobInfo           = "job_info"           // Job.Info
	ModelJobDepartments    = "job_departments"    // Job.Departments
	ModelJobOffices        = "job_offices"        // Job.Offices
	ModelJobHiringManagers = "job_hiringManagers" // Job.HiringManagers
	ModelJobRecruiters     = "job_recruiters"     // Job.Recruiters
	ModelJobStages         = "job_stages"         // Job.Stages
	ModelJobRawValues      = "job_rawValues"      // Job.RawValues
	ModelJobPosts          = "job_posts"          // Job.JobPosts
	ModelJobCompensation   = "job_compensation"   // Job.JobCompensation
	ModelJobQuestions      = "job_questions"      // Job.JobQuestions
	ModelJobRequirements   = "job_requirements"   // Job.JobRequirements
	ModelJobInfoEnhanced   = "job_info_enhanced"  // Job.JobInfoEnhanced
)

// Application model IDs for sync.start with DataTypeApplications (CONFIRMED,
// developers.getknit.dev/reference/application-data-models).
const (
	ModelApplicationInfo        = "application_info"        // Application.Info
	ModelApplicationStage       = "application_stage"       // Application.CurrentStage
	ModelApplicationInterviews  = "application_interviews"  // Application.Interviews
	ModelApplicationRejection   = "application_rejection"   // Application.Rejection
	ModelApplicationOffers      = "application_offers"      // Application.Offers
	ModelApplicationAttachments = "application_attachments" // Application.Attachments
)

// Candidate model IDs for sync.start with DataTypeCandidates (CONFIRMED on a
// Knit marketing page; the Event Data Keys come from a copy of Knit's
// candidate-data-models page).
const (
	ModelCandidateInfo        = "candidate_info"        // Candidate.Info
	ModelCandidateEducation   = "candidate_education"   // Candidate.Education
	ModelCandidateLocations   = "candidate_locations"   // Candidate.Locations
	ModelCandidateSkills      = "candidate_skills"      // Candidate.Skills
	ModelCandidateExperiences = "candidate_experiences" // Candidate.Experiences
	ModelCandidateAttachments = "candidate_attachments" // Candidate.Attachments
)

// JobModels returns every job model ID, for subscribing to whole jobs.
func JobModels() []string {
	return []string{
		ModelJobInfo, ModelJobDepartments, ModelJobOffices, ModelJobHiringManagers,
		ModelJobRecruiters, ModelJobStages, ModelJobRawValues, ModelJobPosts,
		ModelJobCompensation, ModelJobQuestions, ModelJobRequirements, ModelJobInfoEnhanced,
	}
}

// ApplicationModels returns every application model ID.
func ApplicationModels() []string {
	return []string{
		ModelApplicationInfo, ModelApplicationStage, ModelApplicationInterviews,
		ModelApplicationRejection, ModelApplicationOffers, ModelApplicationAttachments,
	}
}

// CandidateModels returns every candidate model ID.
func CandidateModels() []string {
	return []string{
		ModelCandidateInfo, ModelCandidateEducation, ModelCandidateLocations,
		ModelCandidateSkills, ModelCandidateExperiences, ModelCandidateAttachments,
	}
}
