namespace IcOperator.Agent.Icrc3;

/// <summary>What verifying an ICRC-3 log reads: every block, and the tip certificate.</summary>
public interface IIcrc3LogReader
{
    Candid.Principal Canister { get; }

    Task<IReadOnlyList<Icrc3Block>> ReadAllAsync(CancellationToken cancellationToken = default);

    Task<DataCertificate?> GetTipCertificateAsync(CancellationToken cancellationToken = default);
}
