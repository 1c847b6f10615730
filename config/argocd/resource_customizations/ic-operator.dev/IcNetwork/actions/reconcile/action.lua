-- Ask the operator to reconcile now: it handles every new value of this annotation once and echoes
-- it in status.lastHandledReconcileAt.
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["ic-operator.dev/reconcile-requested-at"] = os.date("!%Y-%m-%dT%XZ")
return obj
