package ats

// applicationGetQuery is the query of ats.application.get; the `url` tags
// are the wire names. The page token of the list methods is pageQuery.
type applicationGetQuery struct {
	ApplicationID string `url:"applicationId"`
	CandidateID   string `url:"candidateId"`
}

// Sync data types, the dataType of sync.start for ATS records.
const (
	// DataTypeJobs syncs jobs; decode events with DecodeJob.
	DataTypeJobs = "ats_jobs"
	// DataTypeApplications syncs applications; decode events with
	// DecodeApplication.
	DataTypeApplications = "ats_applications"
	// DataTypeCandidates syncs candidates;
	// decode events with DecodeCandidate.
	DataTypeCandidates = "ats_candidates"
)

// Job model IDs for the models list of sync.start with DataTypeJobs
// (https://developers.getknit.dev/reference/job-data-models). The comment
// names the Event Data Key, i.e. the Job field, each model fills.
const (
	ModelJobInfo           = "job_info"           // Job.Info
	ModelJobDepartments    = "job_departments"    // Job.Departments
	ModelJobOffices        = "job_offices"        // Job.Offices
	ModelJobHiringManagers = "job_hiringManagers" // Job.HiringManagers
	ModelJobRecruiters     = "job_recruiters"     // Job.Recruiters
	ModelJobStages         = "job_stages"         // Job.Stages
	ModelJobRawValues      = "job_rawValues"      // Job.RawValues
	ModelJobPosts          = "job_posts"          // Job.Posts
	ModelJobCompensation   = "job_compensation"   // Job.Compensation
	ModelJobQuestions      = "job_questions"      // Job.Questions
	ModelJobRequirements   = "job_requirements"   // Job.Requirements
	ModelJobInfoEnhanced   = "job_info_enhanced"  // Job.InfoEnhanced
)

// Application model IDs for sync.start with DataTypeApplications
// (https://developers.getknit.dev/reference/application-data-models).
const (
	ModelApplicationInfo        = "application_info"        // Application.Info
	ModelApplicationStage       = "application_stage"       // Application.CurrentStage
	ModelApplicationInterviews  = "application_interviews"  // Application.Interviews
	ModelApplicationRejection   = "application_rejection"   // Application.Rejection
	ModelApplicationOffers      = "application_offers"      // Application.Offers
	ModelApplicationAttachments = "application_attachments" // Application.Attachments
)

// Candidate model IDs for sync.start with DataTypeCandidates (from Knit's
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
