using IcOperator.Agent.Certificates;

namespace IcOperator.Agent.Bls;

/// <summary>
/// Root keys built into the agent, so a mainnet connection trusts nothing it fetched. The mainnet key is
/// the one agent-rs, agent-js and ICP.NET ship; its self-authenticating principal is the root subnet
/// tdb26-jop6k-aogll-7ltgs-eruif-6kk7m-qpktf-gdiqx-mxtrf-vb5e6-eqe.
/// </summary>
public static class IcRootKeys
{
    private const string MainnetDerHex =
        "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100"
        + "814c0e6ec71fab583b08bd81373c255c3c371b2e84863c98a4f1e08b74235d14fb5d9c0cd546d9685f913a0c0b2cc534"
        + "1583bf4b4392e467db96d65b9bb4cb717112f8472e0d5a4d14505ffd7484b01291091c5f87b98883463f98091a0baaae";

    /// <summary>The IC mainnet root key, DER (133 bytes), as <see cref="CertificateVerifierOptions.RootKey"/> takes it. A fresh copy each time.</summary>
    public static byte[] MainnetDer => Convert.FromHexString(MainnetDerHex);

    /// <summary>The IC mainnet root key as a 96-byte compressed G2 point.</summary>
    public static byte[] Mainnet => BlsPublicKey.FromDer(MainnetDer);
}
