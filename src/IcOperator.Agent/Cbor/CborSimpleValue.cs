namespace IcOperator.Agent.Cbor;

/// <summary>The CBOR simple values the IC uses (major type 7, values 20–22).</summary>
public enum CborSimpleValue
{
    False = 20,
    True = 21,
    Null = 22,
}
