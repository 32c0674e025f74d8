package ats

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/knit-sdk/knit-go/basemodel"
	"github.com/knit-sdk/knit-go/internal/fastjson"
)

// fastPage decodes the data of a page with the hand-written decoder.
func fastPage(in []byte) (JobPage, bool) {
	var p JobPage
	d := fastjson.NewDecoder(in)
	ok := decodeJobPage(d, &p) && d.End()
	return p, ok
}

// assertFastMatches fails unless the fast decoder either gives up on in or
// gives exactly what encoding/json gives; it returns whether it decoded.
func assertFastMatches(t *testing.T, in []byte) bool {
	t.Helper()
	got, ok := fastPage(in)
	if !ok {
		return false
	}
	var want JobPage
	require.NoError(t, json.Unmarshal(in, &want), "the fast decoder accepted what encoding/json refuses: %q", in)
	require.Equal(t, want, got, "%q", in)
	return true
}

func pageData(t *testing.T) []byte {
	t.Helper()
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(fixture(t, "job_list_page.json"), &env))
	return env.Data
}

const fullJob = `{"info":{"id":"job-1","title":"T","description":"<p>x</p>","createdAt":"2024-11-16T17:20:38Z",` +
	`"updatedAt":1731777638,"closedAt":null,"status":"OPEN","isConfidential":true,"jobCodes":["A"],` +
	`"infoUrl":"https://a","applyUrl":"https://b"},` +
	`"departments":[{"id":"d","name":"Eng"}],` +
	`"offices":[{"id":"o","name":"HQ","location":"SF","address":{"id":"a1","addressLine1":"1 Main","addressLine2":"",` +
	`"city":"SF","state":"CA","country":"US","zipCode":"94105","addressType":"WORK"}}],` +
	`"hiringManagers":[{"id":"u","firstName":"A","email":"a@b.c","employeeId":"e"}],"recruiters":[],` +
	`"stages":[{"id":"s","text":"Screen"}],"rawValues":{"status":"open"},"jobPosts":[{}],"jobCompensation":null,` +
	`"jobQuestions":[],"jobRequirements":{"skills":[]},"jobInfoEnhanced":{"x":1},"unknown":{"deep":[1,{"a":null}]}}`

func TestFastJobPageMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	decodes := []string{
		string(pageData(t)),
		`{"jobs":[` + fullJob + `],"nextPageToken":"tok"}`,
		`{"jobs":[],"nextPageToken":null}`,
		`{"jobs":null}`, `{}`, `null`,
		`{"jobs":[null,{"info":null,"departments":null,"offices":[null]}]}`,
		`{"jobs":[{"info":{"title":"caf\u00e9 \"x\"","description":"é\n"}}]}`,
		`{"jobs":[{"info":{"title":"` + "\xff" + `"}}]}`,
		` { "jobs" : [ { "info" : { "id" : "1" } } ] , "extra" : 1.5e-3 } `,
	}
	for _, in := range decodes {
		assert.True(t, assertFastMatches(t, []byte(in)), "decoded without encoding/json: %s", in)
	}
	// Given up on: encoding/json decodes these (or refuses them) itself.
	gives := []string{
		`{"Jobs":[]}`,                                  // a key matching only case-insensitively
		`{"jobs":[{"info":{"ID":"x"}}]}`,               // the same, nested
		`{"jobs":[],"jobs":[]}`,                        // a field twice
		`{"jobs":[{"info":{"id":7}}]}`,                 // a wrong type
		`{"jobs":[{"info":{"isConfidential":"yes"}}]}`, // a wrong type
		`{"jobs":[{"info":{"createdAt":true}}]}`,       // DateTime refuses it
		`{"jobs":[{"infö":1}]}`,                        // a non-ASCII key
		`{"jobs":[{"in\u0066o":{"id":"x"}}]}`,          // an escaped key
		`{"jobs":[{"info":{"id":"x"}}]`, `{"jobs":[1,]}`, `{"jobs":[{"x":01}]}`, `{"jobs":[{"x":"\q"}]}`,
		`[]`, `"x"`, ``, `{"jobs":[]} x`,
	}
	for _, in := range gives {
		_, ok := fastPage([]byte(in))
		assert.False(t, ok, "should give up on %s", in)
	}
}

// A page the fast decoder fills in place must come out the same when its
// slice already has capacity (the page-size hint).
func TestFastJobPageWithCapacity(t *testing.T) {
	t.Parallel()
	in := `{"jobs":[` + fullJob + `,` + fullJob + `]}`
	p := JobPage{Jobs: make([]Job, 0, 8)}
	d := fastjson.NewDecoder([]byte(in))
	require.True(t, decodeJobPage(d, &p))
	var want JobPage
	require.NoError(t, json.Unmarshal([]byte(in), &want))
	assert.Equal(t, want, p)
}

// Every JSON key of the types the fast decoder fills has a line in it, so a
// field added to a model cannot be silently left out of the fast path.
func TestFastFieldsCoverJSONTags(t *testing.T) {
	t.Parallel()
	check := func(typ reflect.Type, names []string) {
		t.Helper()
		var keys []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			require.NotEmpty(t, name, "%s.%s has no JSON name", typ, f.Name)
			keys = append(keys, name)
		}
		assert.ElementsMatch(t, keys, names, "%s", typ)
	}
	names := func(n int, name func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = name(i)
		}
		return out
	}
	check(reflect.TypeFor[JobPage](), names(len(jobPageFields), func(i int) string { return jobPageFields[i].Name }))
	check(reflect.TypeFor[Job](), names(len(jobFields), func(i int) string { return jobFields[i].Name }))
	check(reflect.TypeFor[JobInfo](), names(len(jobInfoFields), func(i int) string { return jobInfoFields[i].Name }))
	check(reflect.TypeFor[Department](), names(len(departmentFields), func(i int) string { return departmentFields[i].Name }))
	check(reflect.TypeFor[Office](), names(len(officeFields), func(i int) string { return officeFields[i].Name }))
	check(reflect.TypeFor[Stage](), names(len(stageFields), func(i int) string { return stageFields[i].Name }))
	check(reflect.TypeFor[basemodel.Address](), names(len(addressFields), func(i int) string { return addressFields[i].Name }))
	check(reflect.TypeFor[basemodel.User](), names(len(userFields), func(i int) string { return userFields[i].Name }))
}

func FuzzFastJobPage(f *testing.F) {
	f.Add(`{"jobs":[` + fullJob + `],"nextPageToken":"tok"}`)
	f.Add(`{"jobs":[{"info":{"id":"1","isConfidential":null}}]}`)
	f.Add(`{"jobs":[null],"x":[true,false,null,-0.5E+3]}`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, in string) {
		assertFastMatches(t, []byte(in))
	})
}
