-- Reconcile again from where the deployment was suspended.
obj.spec.suspend = false
return obj
