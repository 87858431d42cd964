"""Import a CloudFormation template into the model, reporting what was and was not mapped.

`importer.import_template` does the work; `sniff.looks_like_template` tells a template from a
model file cheaply, so every command that reads models reads templates too.
"""
