namespace IcOperator.Agent.Icrc3;

/// <summary>The answer of <c>icrc3_get_tip_certificate</c>: the IC certificate and the CBOR hash tree whose root is the certified data.</summary>
public sealed record DataCertificate(byte[] Certificate, byte[] HashTree);
