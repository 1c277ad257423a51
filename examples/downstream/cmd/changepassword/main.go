// Command changepassword calls the one operation it needs through the
// client generated for it alone (package me) with the shared models.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"

	"example.com/downstream/me"
	"example.com/downstream/me/models"
)

func main() {
	server := flag.String("server", "https://graph.microsoft.com/v1.0", "API base URL")
	token := flag.String("token", "", "bearer token")
	current := flag.String("current", "", "current password")
	next := flag.String("new", "", "new password")
	flag.Parse()

	c, err := me.NewClientWithResponses(*server, me.WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+*token)
		return nil
	}))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := c.MeChangePasswordCreateWithResponse(context.Background(), models.ChangePasswordRequestBody{
		CurrentPassword: current,
		NewPassword:     next,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Status())
}
