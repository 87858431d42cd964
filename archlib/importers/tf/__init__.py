"""Terraform configurations and plans read into the CloudFormation importer's neutral input."""
