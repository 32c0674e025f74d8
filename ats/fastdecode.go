package ats

import (
	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/fastjson"
	"github.com/knit-sdk/knit-go/internal/transport"
)

// A page of jobs is the SDK's largest common answer. Its hand-written
// decoder gives exactly what encoding/json gives (or gives up, and
// encoding/json decodes the page): TestFastJobPageMatchesEncodingJSON and
// FuzzFastJobPage compare the two, and TestFastFieldsCoverJSONTags fails
// when a field is added to one of these types without a line here.

func init() {
	transport.RegisterFastDecoder(decodeJobPage)
}

func decodeJobPage(d *fastjson.Decoder, p *JobPage) bool {
	return fastjson.Struct(d, p, jobPageFields)
}

var jobPageFields = []fastjson.Field[JobPage]{
	fastjson.F("jobs", func(d *fastjson.Decoder, p *JobPage) bool { return fastjson.Slice(d, &p.Jobs, decodeJob) }),
	fastjson.F("nextPageToken", func(d *fastjson.Decoder, p *JobPage) bool { return fastjson.String(d, &p.NextPageToken) }),
}

func decodeJob(d *fastjson.Decoder, j *Job) bool { return fastjson.Struct(d, j, jobFields) }

var jobFields = []fastjson.Field[Job]{
	fastjson.F("info", func(d *fastjson.Decoder, j *Job) bool { return fastjson.Struct(d, &j.Info, jobInfoFields) }),
	fastjson.F("departments", func(d *fastjson.Decoder, j *Job) bool {
		return fastjson.Slice(d, &j.Departments, func(d *fastjson.Decoder, v *Department) bool {
			return fastjson.Struct(d, v, departmentFields)
		})
	}),
	fastjson.F("offices", func(d *fastjson.Decoder, j *Job) bool {
		return fastjson.Slice(d, &j.Offices, func(d *fastjson.Decoder, v *Office) bool {
			return fastjson.Struct(d, v, officeFields)
		})
	}),
	fastjson.F("hiringManagers", func(d *fastjson.Decoder, j *Job) bool { return fastjson.Slice(d, &j.HiringManagers, decodeUser) }),
	fastjson.F("recruiters", func(d *fastjson.Decoder, j *Job) bool { return fastjson.Slice(d, &j.Recruiters, decodeUser) }),
	fastjson.F("stages", func(d *fastjson.Decoder, j *Job) bool {
		return fastjson.Slice(d, &j.Stages, func(d *fastjson.Decoder, v *Stage) bool {
			return fastjson.Struct(d, v, stageFields)
		})
	}),
	fastjson.F("rawValues", func(d *fastjson.Decoder, j *Job) bool { return fastjson.RawMessage(d, &j.RawValues) }),
	fastjson.F("jobPosts", func(d *fastjson.Decoder, j *Job) bool { return fastjson.RawMessage(d, &j.Posts) }),
	fastjson.F("jobCompensation", func(d *fastjson.Decoder, j *Job) bool { return fastjson.RawMessage(d, &j.Compensation) }),
	fastjson.F("jobQuestions", func(d *fastjson.Decoder, j *Job) bool { return fastjson.RawMessage(d, &j.Questions) }),
	fastjson.F("jobRequirements", func(d *fastjson.Decoder, j *Job) bool { return fastjson.RawMessage(d, &j.Requirements) }),
	fastjson.F("jobInfoEnhanced", func(d *fastjson.Decoder, j *Job) bool { return fastjson.RawMessage(d, &j.InfoEnhanced) }),
}

var jobInfoFields = []fastjson.Field[JobInfo]{
	fastjson.F("id", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.String(d, &v.ID) }),
	fastjson.F("title", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.String(d, &v.Title) }),
	fastjson.F("description", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.String(d, &v.Description) }),
	fastjson.F("createdAt", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.Unmarshaler(d, &v.CreatedAt) }),
	fastjson.F("updatedAt", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.Unmarshaler(d, &v.UpdatedAt) }),
	fastjson.F("closedAt", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.Unmarshaler(d, &v.ClosedAt) }),
	fastjson.F("status", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.String(d, (*string)(&v.Status)) }),
	fastjson.F("isConfidential", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.BoolPtr(d, &v.Confidential) }),
	fastjson.F("jobCodes", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.RawMessage(d, &v.JobCodes) }),
	fastjson.F("infoUrl", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.String(d, &v.InfoURL) }),
	fastjson.F("applyUrl", func(d *fastjson.Decoder, v *JobInfo) bool { return fastjson.String(d, &v.ApplyURL) }),
}

var departmentFields = []fastjson.Field[Department]{
	fastjson.F("id", func(d *fastjson.Decoder, v *Department) bool { return fastjson.String(d, &v.ID) }),
	fastjson.F("name", func(d *fastjson.Decoder, v *Department) bool { return fastjson.String(d, &v.Name) }),
}

var officeFields = []fastjson.Field[Office]{
	fastjson.F("id", func(d *fastjson.Decoder, v *Office) bool { return fastjson.String(d, &v.ID) }),
	fastjson.F("name", func(d *fastjson.Decoder, v *Office) bool { return fastjson.String(d, &v.Name) }),
	fastjson.F("location", func(d *fastjson.Decoder, v *Office) bool { return fastjson.String(d, &v.Location) }),
	fastjson.F("address", func(d *fastjson.Decoder, v *Office) bool { return fastjson.Struct(d, &v.Address, addressFields) }),
}

var stageFields = []fastjson.Field[Stage]{
	fastjson.F("id", func(d *fastjson.Decoder, v *Stage) bool { return fastjson.String(d, &v.ID) }),
	fastjson.F("text", func(d *fastjson.Decoder, v *Stage) bool { return fastjson.String(d, &v.Text) }),
}

var addressFields = []fastjson.Field[basemodel.Address]{
	fastjson.F("id", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.ID) }),
	fastjson.F("addressLine1", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.AddressLine1) }),
	fastjson.F("addressLine2", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.AddressLine2) }),
	fastjson.F("city", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.City) }),
	fastjson.F("state", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.State) }),
	fastjson.F("country", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.Country) }),
	fastjson.F("zipCode", func(d *fastjson.Decoder, v *basemodel.Address) bool { return fastjson.String(d, &v.ZipCode) }),
	fastjson.F("addressType", func(d *fastjson.Decoder, v *basemodel.Address) bool {
		return fastjson.String(d, (*string)(&v.AddressType))
	}),
}

var userFields = []fastjson.Field[basemodel.User]{
	fastjson.F("id", func(d *fastjson.Decoder, v *basemodel.User) bool { return fastjson.String(d, &v.ID) }),
	fastjson.F("email", func(d *fastjson.Decoder, v *basemodel.User) bool { return fastjson.String(d, &v.Email) }),
	fastjson.F("employeeId", func(d *fastjson.Decoder, v *basemodel.User) bool { return fastjson.String(d, &v.EmployeeID) }),
}

func decodeUser(d *fastjson.Decoder, v *basemodel.User) bool {
	return fastjson.Struct(d, v, userFields)
}
