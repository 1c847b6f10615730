using IcOperator.Api.V1Alpha1;

namespace IcOperator.Orchestration;

/// <summary>
/// Writes the kstatus trio (Ready, Reconciling, Stalled) from one verdict, keeping lastTransitionTime
/// when a condition's status does not change, and stamping every condition with the generation.
/// </summary>
internal static class Conditions
{
    public static List<Condition> Summarise(IReadOnlyList<Condition>? existing, bool ready, bool reconciling, bool stalled, string reason, string message, long generation, DateTimeOffset now)
    {
        var result = new List<Condition>
        {
            Set(existing, ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, reason, message, generation, now),
            Set(existing, ConditionTypes.Reconciling, reconciling ? ConditionStatus.True : ConditionStatus.False, reconciling ? reason : ReasonWhenIdle(ready, stalled), reconciling ? message : string.Empty, generation, now),
            Set(existing, ConditionTypes.Stalled, stalled ? ConditionStatus.True : ConditionStatus.False, stalled ? reason : ReasonWhenIdle(ready, stalled), stalled ? message : string.Empty, generation, now),
        };
        return result;
    }

    public static Condition Set(IReadOnlyList<Condition>? existing, string type, ConditionStatus status, string reason, string message, long generation, DateTimeOffset now)
    {
        var previous = existing?.FirstOrDefault(c => c.Type == type);
        return new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : now,
        };
    }

    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type) => conditions?.FirstOrDefault(c => c.Type == type);

    private static string ReasonWhenIdle(bool ready, bool stalled) =>
        ready ? ConditionReasons.Succeeded : stalled ? ConditionReasons.Stalled : ConditionReasons.Waiting;
}
