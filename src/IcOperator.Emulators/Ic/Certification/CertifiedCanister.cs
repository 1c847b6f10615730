using IcOperator.Candid;
using IcOperator.Emulators.Ic.Modules;

namespace IcOperator.Emulators.Ic.Certification;

/// <summary>What the state tree shows of one canister, copied under the execution lock: each part is replaced, never changed in place.</summary>
internal sealed record CertifiedCanister(Principal Id, IReadOnlyList<Principal> Controllers, byte[] CertifiedData, WasmModule? Module);
