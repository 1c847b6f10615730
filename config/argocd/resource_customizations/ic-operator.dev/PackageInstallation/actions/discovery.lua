-- Actions Argo CD offers on an ic-operator.dev resource. Only CanisterDeployment has spec.suspend.
local actions = {}
actions["reconcile"] = {["disabled"] = false}
if obj.kind == "CanisterDeployment" then
  local suspended = obj.spec ~= nil and obj.spec.suspend == true
  actions["suspend"] = {["disabled"] = suspended}
  actions["resume"] = {["disabled"] = not suspended}
end
return actions
