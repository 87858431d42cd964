"""The sections of a model's page, each as plain data for the template, figures formatted."""
