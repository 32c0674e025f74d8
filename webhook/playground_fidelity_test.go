package webhook_test

import (
	"context"
	"math/big"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	knit "github.com/knit-sdk/knit-go"
	"github.com/knit-sdk/knit-go/accounting"
	"github.com/knit-sdk/knit-go/hris"
	"github.com/knit-sdk/knit-go/internal/keycheck"
	"github.com/knit-sdk/knit-go/knittest"
	"github.com/knit-sdk/knit-go/webhook"
)

// playgroundHook connects an integration of category and routes its
// deliveries through NewHandler to r.
func playgroundHook(t *testing.T, srv *knittest.Server, category knit.Category, r *webhook.Router) *knit.IntegrationClient {
	t.Helper()
	client, err := srv.Client()
	require.NoError(t, err)
	id, err := srv.Connect(knittest.ConnectParams{OriginOrgID: "org-" + string(category), Category: category})
	require.NoError(t, err)
	hook := httptest.NewServer(webhook.NewHandler([]string{srv.APIKey()}, r.Handle))
	t.Cleanup(hook.Close)
	require.NoError(t, srv.SetWebhookURL(category, hook.URL))
	return client.Integration(id)
}

func runSync(t *testing.T, srv *knittest.Server, in *knit.IntegrationClient, p *knit.SyncStartParams) {
	t.Helper()
	ctx := context.Background()
	job, err := in.Sync.Start(ctx, p)
	require.NoError(t, err)
	require.NoError(t, srv.WaitForSync(ctx, job.SyncRunID))
}

// Deletions reach Router.OnDeleted and decode with DeletedEmployee; the
// sync-run events decode with SyncRun and carry the documented counts.
func TestPlaygroundDeletionsAndSyncRuns(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	var mu sync.Mutex
	var upserts int
	var deleted []hris.DeletedEmployee
	var runs []webhook.SyncRun
	r := webhook.NewRouter()
	r.OnRecord(hris.DataTypeEmployee, func(_ context.Context, ev *webhook.Event) error {
		if _, err := ev.Employee(); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		upserts++
		return nil
	})
	r.OnDeleted(hris.DataTypeEmployee, func(_ context.Context, ev *webhook.Event) error {
		d, err := ev.DeletedEmployee()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		deleted = append(deleted, *d)
		return nil
	})
	onRun := func(_ context.Context, ev *webhook.Event) error {
		run, err := ev.SyncRun()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		runs = append(runs, *run)
		return nil
	}
	r.OnEvent(webhook.EventSyncEventsProcessed, onRun)
	r.OnEvent(webhook.EventSyncEventsAllConsumed, onRun)
	in := playgroundHook(t, srv, knit.CategoryHRIS, r)

	runSync(t, srv, in, &knit.SyncStartParams{DataType: hris.DataTypeEmployee})
	emps := srv.Employees()
	victim := emps[3]
	require.NoError(t, srv.DeleteRecord("employees", victim.Profile.ID))
	runSync(t, srv, in, &knit.SyncStartParams{DataType: hris.DataTypeEmployee, SyncType: knit.SyncTypeDelta})

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []hris.DeletedEmployee{{EmployeeID: victim.Profile.ID, WorkEmail: victim.Profile.WorkEmail}}, deleted)
	require.Len(t, runs, 4, "processed and allConsumed, twice")
	initial, consumed := runs[0], runs[1]
	assert.Equal(t, "processed", initial.Status)
	assert.EqualValues(t, upserts, initial.Emitted)
	assert.EqualValues(t, upserts, initial.Processed)
	assert.False(t, initial.StartedAt.IsZero())
	assert.Equal(t, "completed", consumed.Status)
	assert.EqualValues(t, upserts, consumed.Consumed)
	delta := runs[2]
	assert.EqualValues(t, 1, delta.Emitted, "only the deletion")
	assert.EqualValues(t, upserts-1, delta.Processed)
}

// The playground's accounting contacts and journal entries decode with the
// webhook accessors into the accounting models.
func TestPlaygroundAccountingContactsAndJournalEntries(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	var mu sync.Mutex
	contacts := map[string]*accounting.Contact{}
	entries := map[string]*accounting.JournalEntry{}
	r := webhook.NewRouter()
	r.OnRecord(knittest.PlaygroundDataTypeAccountingContacts, func(_ context.Context, ev *webhook.Event) error {
		c, err := ev.AccountingContact()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		contacts[c.Info.ID] = c
		return nil
	})
	r.OnRecord(knittest.PlaygroundDataTypeJournalEntries, func(_ context.Context, ev *webhook.Event) error {
		j, err := ev.JournalEntry()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		entries[j.Info.ID] = j
		return nil
	})
	in := playgroundHook(t, srv, knit.CategoryAccounting, r)
	runSync(t, srv, in, &knit.SyncStartParams{DataType: knittest.PlaygroundDataTypeAccountingContacts})
	runSync(t, srv, in, &knit.SyncStartParams{DataType: knittest.PlaygroundDataTypeJournalEntries,
		Models: []string{accounting.ModelJournalEntryInfo, accounting.ModelJournalEntryLineItems}})

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, contacts, len(srv.AccountingContacts()))
	for _, inv := range srv.Invoices() {
		require.Contains(t, contacts, inv.Info.ContactID, "every invoice's contact is served")
	}
	want := srv.AccountingContacts()[0]
	got := contacts[want.Info.ID]
	assert.Equal(t, want.Info.Name, got.Info.Name)
	assert.Equal(t, accounting.ContactType(want.Info.ContactType), got.Info.ContactType)
	require.Len(t, got.Emails, 1)

	require.Len(t, entries, len(srv.JournalEntries()))
	require.NotEmpty(t, entries)
	for _, je := range entries {
		require.Len(t, je.LineItems, 2)
		debit, credit := je.LineItems[0], je.LineItems[1]
		if debit.Type == accounting.JournalLineTypeCredit {
			debit, credit = credit, debit
		}
		assert.Equal(t, accounting.JournalLineTypeDebit, debit.Type)
		assert.Equal(t, accounting.JournalLineTypeCredit, credit.Type)
		assert.Zero(t, debit.Amount.Cmp(credit.Amount), "an entry balances")
		assert.Equal(t, "1.0", je.Info.ExchangeRate.String())
	}
}

// The playground's expenses and payments decode with Event.Expense and
// Event.PaymentRecord into the accounting models, every key read, with
// exact money that adds up.
func TestPlaygroundExpensesAndPayments(t *testing.T) {
	t.Parallel()
	srv := knittest.NewServer(knittest.WithT(t))
	var mu sync.Mutex
	expenses := map[string]*accounting.Expense{}
	payments := map[string]*accounting.PaymentRecord{}
	var unread []string
	r := webhook.NewRouter()
	r.OnRecord(knittest.PlaygroundDataTypeExpenses, func(_ context.Context, ev *webhook.Event) error {
		e, err := ev.Expense()
		if err != nil {
			return err
		}
		missing, err := keycheck.Unread(ev.EventData, &accounting.Expense{})
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		expenses[e.Info.ID] = e
		unread = append(unread, missing...)
		return nil
	})
	r.OnRecord(knittest.PlaygroundDataTypePayments, func(_ context.Context, ev *webhook.Event) error {
		p, err := ev.PaymentRecord()
		if err != nil {
			return err
		}
		missing, err := keycheck.Unread(ev.EventData, &accounting.PaymentRecord{})
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		payments[p.Info.ID] = p
		unread = append(unread, missing...)
		return nil
	})
	in := playgroundHook(t, srv, knit.CategoryAccounting, r)
	runSync(t, srv, in, &knit.SyncStartParams{DataType: knittest.PlaygroundDataTypeExpenses,
		Models: []string{accounting.ModelExpenseInfo, accounting.ModelExpenseLineItems}})
	runSync(t, srv, in, &knit.SyncStartParams{DataType: knittest.PlaygroundDataTypePayments,
		Models: []string{accounting.ModelPaymentInfo, accounting.ModelPaymentLineItems}})

	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, unread, "keys the playground sends that the models drop")
	require.Len(t, expenses, 40)
	for id, e := range expenses {
		require.NotEmpty(t, e.LineItems, id)
		sum := new(big.Rat)
		for _, l := range e.LineItems {
			sum.Add(sum, l.Amount.Rat())
		}
		assert.Zero(t, sum.Cmp(e.Info.TotalAmount.Rat()), "%s: lines add up to the total exactly", id)
		require.Len(t, e.LineItems[0].TrackingCategories, 1)
		assert.NotEmpty(t, e.LineItems[0].TrackingCategories[0].ParentCategoryName)
	}
	invoices := map[string]string{}
	for _, inv := range srv.Invoices() {
		invoices[inv.Info.ID] = string(inv.Info.Type)
	}
	require.NotEmpty(t, payments)
	for id, p := range payments {
		assert.Equal(t, accounting.PaymentStatusSuccess, p.Info.Status)
		require.Len(t, p.LineItems, 1)
		l := p.LineItems[0]
		assert.Zero(t, l.Amount.Cmp(p.Info.Amount), id)
		assert.Equal(t, invoices[l.InvoiceID], string(l.PaymentLinkedTo), "%s settles a real invoice or bill", id)
		assert.NotEqual(t, p.Info.CreditedAccountID, p.Info.DebitedAccountID)
	}
}
