using System.Text;
using IcOperator.Agent.Certificates;
using IcOperator.Agent.HashTrees;
using IcOperator.Candid;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>
/// Queries sent over HTTP read a data certificate (<c>ic0.data_certificate_copy</c>): the emulator's certified state
/// tree signed with its root key, holding the canister's certified data, which the agent's verifier accepts.
/// </summary>
public sealed class DataCertificateTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static byte[] L(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<Principal> DeployProbeAsync(WireClient client)
    {
        var id = (await client.ManageAsync("provisional_create_canister_with_cycles", "(record { amount = null; settings = null })"))!["canister_id"].AsPrincipal();
        var hex = string.Concat(WatModules.Probe.Select(b => $"\\{b:x2}"));
        await client.ManageAsync("install_code", $"(record {{ mode = variant {{ install }}; canister_id = principal \"{id}\"; wasm_module = blob \"{hex}\"; arg = blob \"\" }})");
        return id;
    }

    private static byte[]? CertifiedData(Certificate certificate, Principal canister) =>
        certificate.Tree.LookupPath([L("canister"), canister.ToByteArray(), L("certified_data")]) is { Status: LookupStatus.Found } found ? found.Value : null;

    [Theory]
    [InlineData("certificate")]
    [InlineData("composite_certificate")]
    public async Task A_query_reads_a_verifiable_certificate_of_what_the_canister_certified(string method)
    {
        using var alice = fixture.Client(fixture.Alice);
        var probe = await DeployProbeAsync(alice);
        await alice.UpdateAsync(probe, "certify", [0xca, 0xfe, 0x01]);

        var certificate = Certificate.Decode(await alice.QueryAsync(probe, method, []));

        alice.Verifier.Invoking(v => v.VerifyForCanister(certificate, probe)).Should().NotThrow();
        CertifiedData(certificate, probe).Should().Equal([0xca, 0xfe, 0x01]);
        certificate.Time.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_certificate_follows_certified_data_set_after_an_earlier_certificate()
    {
        using var alice = fixture.Client(fixture.Alice);
        var probe = await DeployProbeAsync(alice);
        var before = Certificate.Decode(await alice.QueryAsync(probe, "certificate", []));

        await alice.UpdateAsync(probe, "certify", [0x02]);
        var after = Certificate.Decode(await alice.QueryAsync(probe, "certificate", []));

        CertifiedData(before, probe).Should().BeEmpty("nothing was certified yet");
        CertifiedData(after, probe).Should().Equal([0x02]);
        alice.Verifier.Invoking(v => v.VerifyForCanister(after, probe)).Should().NotThrow();
    }

    [Fact]
    public async Task An_update_call_has_no_data_certificate()
    {
        using var alice = fixture.Client(fixture.Alice);
        var probe = await DeployProbeAsync(alice);

        var present = await alice.UpdateAsync(probe, "certificate_present", []);

        BitConverter.ToInt64(present).Should().Be(0, "only non-replicated queries get a data certificate");
    }
}
