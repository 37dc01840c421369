"""Building the stanza model pack: recipes, training jobs, scoring, the gate, reports."""
