-- Stop reconciling: the operator leaves the canister as it is until spec.suspend is false again.
obj.spec.suspend = true
return obj
