using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Cycles;

namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>
/// Cycles a canister attaches to a management call: <c>deposit_cycles</c> and <c>create_canister</c> keep them,
/// any other method (or a reject) refunds them to the caller, as on the IC.
/// </summary>
public sealed class ManagementCallCyclesTests(WasmReplica ic) : IClassFixture<WasmReplica>
{
    private const ulong Attached = 3_000_000_000;

    private static byte[] Request(ulong cycles, string method, string candid)
    {
        var name = Encoding.UTF8.GetBytes(method);
        var arg = CandidEncoder.Encode(CandidText.ParseArguments(candid));
        var request = new byte[9 + name.Length + arg.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(request, cycles);
        request[8] = (byte)name.Length;
        name.CopyTo(request, 9);
        arg.CopyTo(request, 9 + name.Length);
        return request;
    }

    // Sends the call and gives what the callback saw, with the ingress fee the sender paid for the call itself.
    private (BigInteger Refunded, uint RejectCode, BigInteger IngressFee) Send(Principal sender, string method, string candid, ulong cycles = Attached)
    {
        var request = Request(cycles, method, candid);
        var outcome = ic.Call(sender, "send", request);
        outcome.IsReply.Should().BeTrue(outcome.RejectMessage);
        var reply = outcome.Reply!;
        var refunded = new BigInteger(reply.AsSpan(0, 16), isUnsigned: true);
        return (refunded, BinaryPrimitives.ReadUInt32LittleEndian(reply.AsSpan(16, 4)), CyclesCosts.IngressCall(request.Length));
    }

    private BigInteger Balance(Principal canister) => ic.View(canister).Cycles;

    [Fact]
    public void Cycles_attached_to_a_method_that_takes_none_come_back()
    {
        var sender = ic.Deploy(WatModules.ManagementCaller);
        var controlled = ic.Locked(m => m.ProvisionalCreateCanisterWithCycles(sender, null, null, null));
        var before = Balance(sender);

        var (refunded, code, fee) = Send(sender, "canister_status", $"(record {{ canister_id = principal \"{controlled}\" }})");

        code.Should().Be(0, "the sender controls the canister it asks about");
        refunded.Should().Be(Attached);
        Balance(sender).Should().Be(before - fee);
    }

    [Fact]
    public void Cycles_attached_to_a_rejected_management_call_come_back()
    {
        var sender = ic.Deploy(WatModules.ManagementCaller);
        var stranger = ic.Create();
        var before = Balance(sender);

        var (refunded, code, fee) = Send(sender, "stop_canister", $"(record {{ canister_id = principal \"{stranger}\" }})");

        code.Should().Be(5, "the sender does not control the canister it tries to stop (IC0512)");
        refunded.Should().Be(Attached);
        Balance(sender).Should().Be(before - fee);
    }

    [Fact]
    public void Deposit_cycles_keeps_the_attached_cycles_and_credits_them_to_the_target()
    {
        var sender = ic.Deploy(WatModules.ManagementCaller);
        var target = ic.Create();
        var (senderBefore, targetBefore) = (Balance(sender), Balance(target));

        var (refunded, code, fee) = Send(sender, "deposit_cycles", $"(record {{ canister_id = principal \"{target}\" }})");

        code.Should().Be(0);
        refunded.Should().Be(0);
        Balance(target).Should().Be(targetBefore + Attached);
        Balance(sender).Should().Be(senderBefore - fee - Attached);
    }

    [Fact]
    public void Create_canister_pays_the_new_canister_from_the_attached_cycles()
    {
        var sender = ic.Deploy(WatModules.ManagementCaller);
        var before = ic.Replica.State.Canisters.Count();

        var tooFew = Send(sender, "create_canister", "(record { settings = null; sender_canister_version = null })", cycles: 1_000);
        var (refunded, code, _) = Send(sender, "create_canister", "(record { settings = null; sender_canister_version = null })", cycles: 2_000_000_000_000);

        tooFew.RejectCode.Should().Be(5, "fewer cycles than the creation fee");
        tooFew.Refunded.Should().Be(1_000);
        code.Should().Be(0);
        refunded.Should().Be(0);
        ic.Replica.State.Canisters.Count().Should().Be(before + 1);
        var created = ic.Replica.State.Canisters.Last();
        created.Cycles.Should().Be(2_000_000_000_000 - CyclesCosts.CanisterCreationFee);
        created.Settings.Controllers.Should().Equal([sender]);
    }
}
