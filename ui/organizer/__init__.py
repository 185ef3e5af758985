"""The organizer's side of SignDesk: prepare a meeting, watch sign-in live, the hall screen."""
