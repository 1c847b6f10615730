namespace IcOperator.Agent.Cbor;

/// <summary>Malformed or unexpected CBOR; the message names the field or byte offset and what was expected.</summary>
public sealed class CborException(string message) : FormatException(message);
