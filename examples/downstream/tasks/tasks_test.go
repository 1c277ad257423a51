// Package tasks_test is ten things a Graph developer does every day, written
// with the client generated from tasks/docs and run against the documented
// API itself: docs2openapi's serve handler, in-process, offline.
package tasks_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/docs2openapi/docs2openapi/gen"
	"github.com/docs2openapi/docs2openapi/gen/serve"

	"example.com/downstream/tasks/office"
)

// graph starts the documented API (the pages of tasks/docs) and returns a
// client of it that returns Graph errors as *office.GraphError.
func graph(t *testing.T) (*office.ClientWithResponses, *office.Client) {
	t.Helper()
	res, err := gen.Build([]string{"docs"}, gen.Options{Version: "v1.0"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.New([]serve.API{{Version: "v1.0", Doc: res.Doc, Examples: res.Examples}}, nil))
	t.Cleanup(srv.Close)
	// Downloads answer 302 with the file's URL, which is not this server.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	token := func(context.Context, []string) (string, time.Time, error) { return "t", time.Now().Add(time.Hour), nil }
	c, err := office.NewClientWithResponses(srv.URL+"/v1.0", office.WithHTTPClient(noRedirect), office.WithGraphErrors(), office.WithTokenSource(token))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := office.NewClient(srv.URL+"/v1.0", office.WithHTTPClient(noRedirect))
	if err != nil {
		t.Fatal(err)
	}
	return c, raw
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func TestGetMyProfile(t *testing.T) {
	c, _ := graph(t)
	resp, err := c.MeGetWithResponse(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode() != 200 || resp.JSON200 == nil || str(resp.JSON200.DisplayName) != "Adele Vance" || str(resp.JSON200.Mail) != "AdeleV@contoso.onmicrosoft.com" {
		t.Errorf("GET /me: %d %+v", resp.StatusCode(), resp.JSON200)
	}
}

func TestListMessagesAndFollowPaging(t *testing.T) {
	c, _ := graph(t)
	ctx := context.Background()
	client := c.Client
	top := office.Top(10)
	params := &office.MeMessagesListParams{Select: &office.Select{"sender", "subject"}, Top: &top}
	var subjects []string
	for m, err := range office.AllItems[office.Message](ctx, client, func(ctx context.Context) (*http.Response, error) {
		return client.MeMessagesList(ctx, params)
	}) {
		if err != nil {
			t.Fatal(err)
		}
		subjects = append(subjects, str(m.Subject))
	}
	// The docs' page is the last: one message, no @odata.nextLink.
	if len(subjects) != 1 || subjects[0] != "You have late tasks!" {
		t.Errorf("messages: %q", subjects)
	}
}

func TestSendMail(t *testing.T) {
	c, _ := graph(t)
	subject, content := "Meet for lunch?", "The new cafeteria is open."
	to := "fannyd@contoso.onmicrosoft.com"
	body := office.MeSendMailCreateJSONRequestBody{Message: &office.Message{
		Subject:      &subject,
		Body:         &office.ItemBody{Content: &content},
		ToRecipients: &[]office.Recipient{{EmailAddress: &office.EmailAddress{Address: &to}}},
	}}
	resp, err := c.MeSendMailCreateWithResponse(context.Background(), body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode() != 202 || len(resp.Body) != 0 {
		t.Errorf("sendMail: %d %s, want 202 Accepted and no body", resp.StatusCode(), resp.Body)
	}
}

func TestCalendarViewForADateRange(t *testing.T) {
	c, _ := graph(t)
	resp, err := c.MeCalendarCalendarViewListWithResponse(context.Background(), &office.MeCalendarCalendarViewListParams{
		StartDateTime: "2017-01-01T19:00:00-08:00", EndDateTime: "2017-01-07T19:00:00-08:00"})
	if err != nil {
		t.Fatal(err)
	}
	// The docs' example holds placeholders ("datetime-value") that no typed
	// client reads (EXAMPLE_LOSSY), so the double answers with an empty
	// page the schema accepts.
	if resp.StatusCode() != 200 || resp.JSON200 == nil || resp.JSON200.Value == nil || len(*resp.JSON200.Value) != 0 {
		t.Errorf("calendarView: %d %s", resp.StatusCode(), resp.Body)
	}
}

func TestCreateAnEvent(t *testing.T) {
	c, _ := graph(t)
	subject := "Let's go for lunch"
	resp, err := c.MeEventsCreateWithResponse(context.Background(), office.MeEventsCreateJSONRequestBody{Subject: &subject})
	if err != nil {
		t.Fatal(err)
	}
	// The documented answer: the created event, with its id (the docs'
	// response example has another subject than their request).
	if resp.StatusCode() != 201 || resp.JSON201 == nil || str(resp.JSON201.Subject) != "Let's go brunch" || str(resp.JSON201.Id) != "AAMkAGI1AAAt9AHjAAA=" {
		t.Errorf("create event: %d %s", resp.StatusCode(), resp.Body)
	}
}

func TestListAFoldersChildren(t *testing.T) {
	c, _ := graph(t)
	resp, err := c.MeDriveItemsChildrenListWithResponse(context.Background(), "01BYE5RZ4M6W4U7PMNNBBKYRNLA2XCJHK2", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode() != 200 || resp.JSON200 == nil || resp.JSON200.Value == nil {
		t.Fatalf("children: %d %s", resp.StatusCode(), resp.Body)
	}
	var names []string
	folders := 0
	for _, it := range *resp.JSON200.Value {
		names = append(names, str(it.Name))
		if it.Folder != nil {
			folders++
		}
	}
	if strings.Join(names, "|") != "myfile.jpg|Documents|Photos|my sheet(1).xlsx" || folders != 2 {
		t.Errorf("children: %q, %d folders", names, folders)
	}
}

func TestUploadAndDownloadASmallFile(t *testing.T) {
	c, raw := graph(t)
	ctx := context.Background()
	up, err := c.MeDriveItemsContentSetWithBodyWithResponse(ctx, "01BYE5RZ4M6W4U7PMNNBBKYRNLA2XCJHK2", "text/plain", strings.NewReader("The contents of the file goes here."))
	if err != nil {
		t.Fatal(err)
	}
	if up.StatusCode() >= 300 {
		t.Fatalf("upload: %d %s", up.StatusCode(), up.Body)
	}
	// The plain client streams the download: Graph answers 302 with the
	// file's URL.
	resp, err := raw.MeDriveItemsContentGet(ctx, "01BYE5RZ4M6W4U7PMNNBBKYRNLA2XCJHK2", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") == "" {
		t.Errorf("download: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestListMyGroupMemberships(t *testing.T) {
	c, _ := graph(t)
	resp, err := c.MeMemberOfListWithResponse(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode() != 200 || resp.JSON200 == nil || resp.JSON200.Value == nil || len(*resp.JSON200.Value) == 0 {
		t.Fatalf("memberOf: %d %s", resp.StatusCode(), resp.Body)
	}
}

func TestUsersDeltaRound(t *testing.T) {
	c, _ := graph(t)
	ctx := context.Background()
	client := c.Client
	var link string
	var names []string
	for u, err := range office.DeltaItems[office.User](ctx, client, func(ctx context.Context) (*http.Response, error) {
		return client.UsersDeltaList(ctx, nil)
	}, &link) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, str(u.DisplayName))
	}
	// The documented page has an @odata.nextLink, which the iterator
	// follows to the double's last page, which ends the round with an
	// @odata.deltaLink; the next round starts from it.
	if len(names) != 2 || names[0] == "<nil>" || !strings.Contains(link, "/v1.0/users/delta?$deltatoken=") {
		t.Fatalf("delta round: %q, deltaLink %q", names, link)
	}
	var next string
	n := 0
	for _, err := range office.DeltaItems[office.User](ctx, client, client.FollowLink(link), &next) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 || next == "" {
		t.Errorf("next round: %d users, deltaLink %q", n, next)
	}
}

func TestAddAMemberThroughRef(t *testing.T) {
	c, _ := graph(t)
	resp, err := c.GroupsMembersRefCreateWithResponse(context.Background(), "02bd9fd6-8f93-4758-87c3-1fb73740a315",
		office.GroupsMembersRefCreateJSONRequestBody{OdataId: "https://graph.microsoft.com/v1.0/directoryObjects/5a0e2d4d-9e14-4a9b-8a3b-5d8b9e6a0c8f"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode() != 204 {
		t.Errorf("add member: %d %s, want 204", resp.StatusCode(), resp.Body)
	}
}

// TestErrorsArriveTyped: what the API refuses arrives as the client's Graph
// error, with the code and the message that says why.
func TestErrorsArriveTyped(t *testing.T) {
	c, _ := graph(t)
	top := office.Top(-1)
	_, err := c.MeCalendarCalendarViewListWithResponse(context.Background(), &office.MeCalendarCalendarViewListParams{
		StartDateTime: "2017-01-01T19:00:00-08:00", EndDateTime: "2017-01-07T19:00:00-08:00", Top: &top})
	var ge *office.GraphError
	if !errors.As(err, &ge) || ge.StatusCode != 400 || ge.Code != "BadRequest" || !strings.Contains(ge.Message, "$top") {
		t.Errorf("calendarView with $top=-1: %v", err)
	}
	_, err = c.UsersGetWithResponse(context.Background(), "u1", nil, func(ctx context.Context, req *http.Request) error {
		req.Method = http.MethodDelete
		return nil
	})
	if !errors.As(err, &ge) || ge.StatusCode != 405 || ge.Code != "MethodNotAllowed" {
		t.Errorf("an undocumented method: %v", err)
	}
}
