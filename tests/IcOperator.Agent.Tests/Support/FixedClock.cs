namespace IcOperator.Agent.Tests.Support;

/// <summary>A clock that reads a set instant and moves only when told.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
