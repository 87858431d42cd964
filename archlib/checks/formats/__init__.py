"""Ways to write check results: data documents, SARIF, JUnit, rich text, the catalogue."""
