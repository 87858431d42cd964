"""Reading other formats into the model: CloudFormation templates today."""
