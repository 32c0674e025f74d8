package knittest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Word lists the generator draws from. Order matters: changing a list
// changes every generated dataset.
var (
	firstNames = []string{
		"Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
		"Mia", "William", "Amelia", "Benjamin", "Harper", "Lucas", "Evelyn", "Henry", "Abigail", "Alexander",
		"Priya", "Arjun", "Ananya", "Rohan", "Aisha", "Omar", "Fatima", "Yusuf", "Mei", "Wei",
		"Hiroshi", "Yuki", "Sofia", "Mateo", "Valentina", "Diego", "Camila", "Santiago", "Lucia", "Gabriel",
		"Chloe", "Daniel", "Grace", "Samuel", "Zoe", "David", "Nora", "Joseph", "Hannah", "Carter",
		"Leila", "Ibrahim", "Ingrid", "Lars", "Freya", "Anders", "Amara", "Kwame", "Zara", "Tomás",
	}
	lastNames = []string{
		"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
		"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
		"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
		"Patel", "Sharma", "Iyer", "Reddy", "Khan", "Nguyen", "Tanaka", "Sato", "Kim", "Park",
		"Chen", "Wang", "Müller", "Schmidt", "Rossi", "Dubois", "Okafor", "Mensah", "Novak", "Silva",
	}
	departments = []string{
		"Engineering", "Product", "Design", "Sales", "Marketing", "Customer Success",
		"Finance", "People", "Operations", "Legal",
	}
	designations = map[string][]string{
		"Engineering":      {"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "QA Engineer", "Site Reliability Engineer"},
		"Product":          {"Product Manager", "Senior Product Manager", "Product Analyst"},
		"Design":           {"Product Designer", "UX Researcher", "Design Lead"},
		"Sales":            {"Account Executive", "Sales Development Representative", "Sales Manager", "Solutions Engineer"},
		"Marketing":        {"Marketing Manager", "Content Strategist", "Growth Marketer", "Brand Designer"},
		"Customer Success": {"Customer Success Manager", "Support Specialist", "Onboarding Specialist"},
		"Finance":          {"Accountant", "Financial Analyst", "Controller", "Payroll Specialist"},
		"People":           {"HR Business Partner", "Recruiter", "People Operations Specialist"},
		"Operations":       {"Operations Manager", "Office Manager", "Business Analyst"},
		"Legal":            {"Legal Counsel", "Paralegal", "Compliance Officer"},
	}
	// offices: name, street, city, state, country (ISO alpha-2), zip, currency.
	offices = [][7]string{
		{"San Francisco HQ", "548 Market St", "San Francisco", "CA", "US", "94104", "USD"},
		{"New York", "85 Broad St", "New York", "NY", "US", "10004", "USD"},
		{"Austin", "500 W 2nd St", "Austin", "TX", "US", "78701", "USD"},
		{"London", "1 Fore St", "London", "England", "GB", "EC2Y 5EJ", "GBP"},
		{"Berlin", "Friedrichstraße 68", "Berlin", "Berlin", "DE", "10117", "EUR"},
		{"Bengaluru", "Embassy Golf Links, Koramangala", "Bengaluru", "Karnataka", "IN", "560071", "INR"},
		{"Toronto", "100 King St W", "Toronto", "ON", "CA", "M5X 1A9", "CAD"},
	}
	streets   = []string{"Maple Ave", "Oak St", "Pine Rd", "Cedar Ln", "Elm St", "Lakeview Dr", "Hillcrest Rd", "River Rd", "Park Ave", "Sunset Blvd"}
	banks     = []string{"Chase", "Bank of America", "Wells Fargo", "Barclays", "Deutsche Bank", "HDFC Bank", "RBC"}
	companies = []string{
		"Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Enterprises", "Hooli",
		"Pied Piper", "Vandelay Industries", "Soylent Foods", "Tyrell Systems", "Cyberdyne Labs", "Wonka Confectionery",
		"Aperture Science", "Massive Dynamic", "Oscorp", "Nakatomi Trading", "Gringotts Finance", "Monarch Solutions", "Duff Beverages",
	}
	industries = []string{"Software", "Healthcare", "Financial Services", "Retail", "Manufacturing", "Education", "Media", "Logistics", "Energy", "Hospitality"}
	schools    = []string{"Stanford University", "MIT", "University of Toronto", "IIT Bombay", "University of Oxford", "TU Munich", "UC Berkeley", "University of Texas at Austin"}
	majors     = []string{"Computer Science", "Economics", "Mechanical Engineering", "Psychology", "Business Administration", "Mathematics", "Design", "Marketing"}
	skillsList = []string{"Go", "Python", "Kubernetes", "SQL", "React", "Negotiation", "Salesforce", "Figma", "Excel", "Public Speaking", "AWS", "Product Strategy"}
)

// anchor is the playground's "today" for generated data. The data never
// depends on the server clock, so a seed always yields the same bytes.
var anchor = time.Date(2025, time.June, 30, 0, 0, 0, 0, time.UTC)

// gen wraps the seeded PCG source with helpers.
type gen struct{ r *rand.Rand }

func newGen(seed int64, stream uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(uint64(seed), stream))} //nolint:gosec // deterministic test data, not crypto
}

func (g *gen) intn(n int) int            { return g.r.IntN(n) }
func (g *gen) chance(p float64) bool     { return g.r.Float64() < p }
func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// money returns an amount in cents between lo and hi whole units.
func (g *gen) money(lo, hi int64) int64 {
	return lo*100 + g.r.Int64N((hi-lo)*100+1)
}

// daysBefore returns anchor minus between lo and hi days.
func (g *gen) daysBefore(lo, hi int) time.Time {
	return anchor.AddDate(0, 0, -(lo + g.r.IntN(hi-lo+1)))
}

func (g *gen) phone(country string) string {
	switch country {
	case "GB":
		return fmt.Sprintf("+44 20 %04d %04d", g.intn(10000), g.intn(10000))
	case "DE":
		return fmt.Sprintf("+49 30 %08d", g.intn(100000000))
	case "IN":
		return fmt.Sprintf("+91 %05d %05d", 70000+g.intn(29999), g.intn(100000))
	default:
		return fmt.Sprintf("+1 %03d-%03d-%04d", 201+g.intn(700), 200+g.intn(800), g.intn(10000))
	}
}

func dateStr(t time.Time) string { return t.Format("2006-01-02") }
func timeStr(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// slug turns a name into an email-safe token.
func slug(s string) string {
	r := strings.NewReplacer("ü", "u", "ß", "ss", "á", "a", "é", "e", "í", "i", "ó", "o", " ", "", "'", "")
	return strings.ToLower(r.Replace(s))
}
