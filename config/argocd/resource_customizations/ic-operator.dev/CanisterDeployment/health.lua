-- Argo CD health of an ic-operator.dev resource, from its kstatus conditions (Ready, Reconciling,
-- Stalled) and observedGeneration. The same script serves all four kinds.
local hs = {}

local function find(conditions, conditionType)
  if conditions == nil then
    return nil
  end
  for _, condition in ipairs(conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function describe(condition, fallback)
  if condition.message ~= nil and condition.message ~= "" then
    return condition.message
  end
  if condition.reason ~= nil and condition.reason ~= "" then
    return condition.reason
  end
  return fallback
end

if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Reconciling is suspended (spec.suspend)"
  return hs
end

local status = obj.status
if status == nil or status.conditions == nil or #status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

-- A status written for an older generation says nothing about the spec Argo CD just synced.
local generation = obj.metadata.generation
local function current(observed)
  return generation == nil or (observed ~= nil and observed >= generation)
end
if not current(status.observedGeneration) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local stalled = find(status.conditions, "Stalled")
if stalled ~= nil and stalled.status == "True" and current(stalled.observedGeneration or status.observedGeneration) then
  hs.status = "Degraded"
  hs.message = describe(stalled, "Stalled")
  return hs
end

local ready = find(status.conditions, "Ready")
if ready ~= nil and ready.status == "True" and current(ready.observedGeneration or status.observedGeneration) then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

if status.phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = describe(ready or {}, "Suspended")
  return hs
end

local reconciling = find(status.conditions, "Reconciling")
hs.status = "Progressing"
if reconciling ~= nil and reconciling.status == "True" then
  hs.message = describe(reconciling, "Reconciling")
elseif ready ~= nil then
  hs.message = describe(ready, "Not ready")
else
  hs.message = "Waiting for the Ready condition"
end
return hs
