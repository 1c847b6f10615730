namespace IcOperator.Orchestration;

/// <summary>A check the controller ran before planning (install argument type check, interface subtyping).</summary>
internal sealed record GateResult(bool Passed, string Message)
{
    public static GateResult Pass { get; } = new(true, string.Empty);

    public static GateResult Fail(string message) => new(false, message);
}
