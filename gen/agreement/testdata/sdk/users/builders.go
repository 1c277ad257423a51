package users

import (
	a "github.com/microsoft/kiota-abstractions-go"
)

func builders(r a.RequestAdapter, p map[string]string) {
	a.NewBaseRequestBuilder(r, "{+baseurl}/users{?%24count,%24filter}", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/users/{user%2Did}{?%24expand,%24select}", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/users/{user%2Did}/drive{?%24select}", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/users/{user%2Did}/mailboxSettings", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/users/{user%2Did}/graph.changePassword", p)
	a.NewBaseRequestBuilder(r, "{+baseurl}/users/{user%2Did}/calendarView/delta()?endDateTime={endDateTime}{&%24top}", p)
}
