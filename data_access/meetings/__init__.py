"""Weekly review meetings: their records, the frames frozen at their cut-off, their conclusions."""
