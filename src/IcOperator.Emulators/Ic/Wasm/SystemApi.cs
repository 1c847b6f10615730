using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using IcOperator.Candid;
using IcOperator.Emulators.Ic.Canisters;
using IcOperator.Emulators.Ic.Rejects;
using Wasmtime;

namespace IcOperator.Emulators.Ic.Wasm;

/// <summary>
/// The <c>ic0</c> functions canisters import, as the IC interface specification defines them. Address and size
/// parameters (<c>I</c> in the specification) are i32 for 32-bit modules and i64 for 64-bit ones. A module that
/// imports anything else is refused at install.
/// </summary>
internal static class SystemApi
{
    public const string ModuleName = "ic0";

    private delegate void Handler(MessageExecution m, ReadOnlySpan<ValueBox> args, Span<ValueBox> results);

    // Parameter and result types: I = address-size integer, i = i32, l = i64.
    private static readonly Dictionary<string, (string Parameters, string Results, Handler Handler)> Functions = new(StringComparer.Ordinal)
    {
        ["msg_arg_data_size"] = ("", "I", (m, a, r) => r[0] = Address(m, ArgData(m).Length)),
        ["msg_arg_data_copy"] = ("III", "", (m, a, r) => CopyOut(m, a, ArgData(m), "msg_arg_data_copy")),
        ["msg_caller_size"] = ("", "I", (m, a, r) => r[0] = Address(m, Caller(m).Length)),
        ["msg_caller_copy"] = ("III", "", (m, a, r) => CopyOut(m, a, Caller(m), "msg_caller_copy")),
        ["msg_reject_code"] = ("", "i", (m, a, r) => r[0] = (int)Response(m, "msg_reject_code").RejectCode),
        ["msg_reject_msg_size"] = ("", "I", (m, a, r) => r[0] = Address(m, RejectMessage(m).Length)),
        ["msg_reject_msg_copy"] = ("III", "", (m, a, r) => CopyOut(m, a, RejectMessage(m), "msg_reject_msg_copy")),
        ["msg_method_name_size"] = ("", "I", (m, a, r) => r[0] = Address(m, MethodName(m).Length)),
        ["msg_method_name_copy"] = ("III", "", (m, a, r) => CopyOut(m, a, MethodName(m), "msg_method_name_copy")),
        ["accept_message"] = ("", "", (m, a, r) => AcceptMessage(m)),
        ["msg_deadline"] = ("", "l", (m, a, r) => r[0] = m.Context?.Origin is { BestEffort: true } ? TimeOf(m) + 300_000_000_000L : 0L),
        ["msg_reply_data_append"] = ("II", "", (m, a, r) => ReplyDataAppend(m, a)),
        ["msg_reply"] = ("", "", (m, a, r) => Reply(m)),
        ["msg_reject"] = ("II", "", (m, a, r) => Reject(m, a)),
        ["msg_cycles_available128"] = ("I", "", (m, a, r) => Write128(m, a[0], CyclesContext(m, "msg_cycles_available128").AvailableCycles)),
        ["msg_cycles_available"] = ("", "l", (m, a, r) => r[0] = (long)BigInteger.Min(CyclesContext(m, "msg_cycles_available").AvailableCycles, long.MaxValue)),
        ["msg_cycles_refunded128"] = ("I", "", (m, a, r) => Write128(m, a[0], Response(m, "msg_cycles_refunded128").Refund)),
        ["msg_cycles_refunded"] = ("", "l", (m, a, r) => r[0] = (long)BigInteger.Min(Response(m, "msg_cycles_refunded").Refund, long.MaxValue)),
        ["msg_cycles_accept128"] = ("llI", "", (m, a, r) => Write128(m, a[2], Accept(m, ((BigInteger)(ulong)a[0].AsInt64() << 64) + (ulong)a[1].AsInt64()))),
        ["msg_cycles_accept"] = ("l", "l", (m, a, r) => r[0] = (long)Accept(m, (ulong)a[0].AsInt64())),
        ["canister_self_size"] = ("", "I", (m, a, r) => r[0] = Address(m, m.Canister.Id.Length)),
        ["canister_self_copy"] = ("III", "", (m, a, r) => CopyOut(m, a, m.Canister.Id.Bytes.ToArray(), "canister_self_copy")),
        ["canister_cycle_balance128"] = ("I", "", (m, a, r) => Write128(m, a[0], m.Canister.Cycles)),
        ["canister_liquid_cycle_balance128"] = ("I", "", (m, a, r) => Write128(m, a[0], m.Canister.Cycles)),
        ["canister_cycle_balance"] = ("", "l", (m, a, r) => r[0] = (long)BigInteger.Min(m.Canister.Cycles, long.MaxValue)),
        ["canister_status"] = ("", "i", (m, a, r) => r[0] = m.Canister.Status switch
        {
            CanisterStatus.Running => 1,
            CanisterStatus.Stopping => 2,
            _ => 3,
        }),
        ["canister_version"] = ("", "l", (m, a, r) => r[0] = (long)m.Canister.Version),
        ["is_controller"] = ("II", "i", (m, a, r) => r[0] = m.Canister.IsController(Principal.FromBytes(Heap(m, a[0], a[1], "is_controller").ToArray())) ? 1 : 0),
        ["in_replicated_execution"] = ("", "i", (m, a, r) => r[0] = m.IsQuery ? 0 : 1),
        ["call_new"] = ("IIIIIIII", "", CallNew),
        ["call_on_cleanup"] = ("II", "", (m, a, r) => Pending(m, "call_on_cleanup").Cleanup = (Address(m, a[0]), Address(m, a[1]))),
        ["call_data_append"] = ("II", "", (m, a, r) => Pending(m, "call_data_append").Arg.Write(Heap(m, a[0], a[1], "call_data_append"))),
        ["call_with_best_effort_response"] = ("i", "", (m, a, r) => Pending(m, "call_with_best_effort_response").BestEffort = true),
        ["call_cycles_add128"] = ("ll", "", (m, a, r) => AddCycles(m, ((BigInteger)(ulong)a[0].AsInt64() << 64) + (ulong)a[1].AsInt64())),
        ["call_cycles_add"] = ("l", "", (m, a, r) => AddCycles(m, (ulong)a[0].AsInt64())),
        ["call_perform"] = ("", "i", (m, a, r) => r[0] = Perform(m)),
        ["stable_size"] = ("", "i", (m, a, r) => r[0] = (int)m.Canister.StableMemory.SizeInPages),
        ["stable_grow"] = ("i", "i", (m, a, r) => r[0] = (int)m.Canister.StableMemory.Grow((uint)a[0].AsInt32(), 65536)),
        ["stable_write"] = ("iii", "", (m, a, r) => m.Canister.StableMemory.Write((uint)a[0].AsInt32(), Heap(m, (long)(uint)a[1].AsInt32(), (uint)a[2].AsInt32(), "stable_write"))),
        ["stable_read"] = ("iii", "", (m, a, r) => StableRead(m, (uint)a[0].AsInt32(), (uint)a[1].AsInt32(), (uint)a[2].AsInt32())),
        ["stable64_size"] = ("", "l", (m, a, r) => r[0] = m.Canister.StableMemory.SizeInPages),
        ["stable64_grow"] = ("l", "l", (m, a, r) => r[0] = m.Canister.StableMemory.Grow(a[0].AsInt64(), StableMemory.MaxPages)),
        ["stable64_write"] = ("lll", "", (m, a, r) => m.Canister.StableMemory.Write(a[0].AsInt64(), Heap(m, a[1].AsInt64(), a[2].AsInt64(), "stable64_write"))),
        ["stable64_read"] = ("lll", "", (m, a, r) => StableRead(m, a[0].AsInt64(), a[1].AsInt64(), a[2].AsInt64())),
        ["certified_data_set"] = ("II", "", (m, a, r) => SetCertifiedData(m, a)),
        ["data_certificate_present"] = ("", "i", (m, a, r) => r[0] = m.DataCertificate is null ? 0 : 1),
        ["data_certificate_size"] = ("", "I", (m, a, r) => r[0] = Address(m, Certificate(m).Length)),
        ["data_certificate_copy"] = ("III", "", (m, a, r) => CopyOut(m, a, Certificate(m), "data_certificate_copy")),
        ["time"] = ("", "l", (m, a, r) => r[0] = TimeOf(m)),
        ["global_timer_set"] = ("l", "l", (m, a, r) => r[0] = SetTimer(m, a[0].AsInt64())),
        ["performance_counter"] = ("i", "l", (m, a, r) => r[0] = m.Instance.InstructionsUsed),
        ["debug_print"] = ("II", "", (m, a, r) => m.LogLines.Add(Heap(m, a[0], a[1], "debug_print").ToArray())),
        ["trap"] = ("II", "", (m, a, r) => throw CanisterTrapException.CalledTrap(Encoding.UTF8.GetString(Heap(m, a[0], a[1], "trap")))),
    };

    /// <summary>The names of the functions provided, for the README and for tests.</summary>
    public static IEnumerable<string> Names => Functions.Keys;

    /// <summary>Defines every import of <paramref name="binary"/> in <paramref name="linker"/>, or throws <see cref="FormatException"/> with the replica's message.</summary>
    public static void Define(Linker linker, WasmBinary binary)
    {
        foreach (var import in binary.Imports)
        {
            if (import.Kind != WasmImport.FunctionKind || import.Module != ModuleName || !Functions.TryGetValue(import.Name, out var function))
            {
                var what = import.Kind switch
                {
                    0 => "function",
                    1 => "table",
                    2 => "memory",
                    3 => "global",
                    _ => "tag",
                };
                throw new FormatException($"Wasm module has an invalid import section. Module imports {what} '{import.Name}' from '{import.Module}' that is not exported by the runtime.");
            }

            var expected = new WasmFunctionType(Types(function.Parameters, binary.Is64BitMemory), Types(function.Results, binary.Is64BitMemory));
            var declared = import.Type!;
            if (!declared.Parameters.AsSpan().SequenceEqual(expected.Parameters) || !declared.Results.AsSpan().SequenceEqual(expected.Results))
            {
                throw new FormatException($"Wasm module has an invalid import section. Module imports function '{import.Name}' from '{ModuleName}' with type {declared}, but the runtime provides it with type {expected}.");
            }

            var handler = function.Handler;
            linker.DefineFunction(ModuleName, import.Name, (Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> results) =>
            {
                var instance = (CanisterInstance)caller.GetData()!;
                var execution = instance.Current ?? throw new InvalidOperationException("A system API function was called outside of a message.");
                instance.Fuel = caller.Fuel;
                try
                {
                    handler(execution, args, results);
                }
                catch (Exception e)
                {
                    // Wasmtime turns the exception into a trap; the engine reads the reason from here.
                    execution.Trap ??= e as CanisterTrapException ?? new CanisterTrapException($"ic0.{import.Name} failed: {e.Message}");
                    throw;
                }
            }, Kinds(expected.Parameters), Kinds(expected.Results));
        }
    }

    private static byte[] Types(string spec, bool is64) => spec.Select(c => c switch
    {
        'I' => is64 ? WasmFunctionType.I64 : WasmFunctionType.I32,
        'i' => WasmFunctionType.I32,
        _ => WasmFunctionType.I64,
    }).ToArray();

    private static ValueKind[] Kinds(byte[] types) => types.Select(t => t == WasmFunctionType.I32 ? ValueKind.Int32 : ValueKind.Int64).ToArray();

    private static long Address(MessageExecution m, ValueBox value) => m.Instance.Is64Bit ? value.AsInt64() : (uint)value.AsInt32();

    private static ValueBox Address(MessageExecution m, long value) => m.Instance.Is64Bit ? value : (int)value;

    private static long TimeOf(MessageExecution m) => (m.Now - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static Span<byte> Heap(MessageExecution m, ValueBox address, ValueBox size, string function) => Heap(m, Address(m, address), Address(m, size), function);

    private static Span<byte> Heap(MessageExecution m, long address, long size, string function)
    {
        var length = m.Instance.MemoryLength;
        if (address < 0 || size < 0 || address + size > length || size > int.MaxValue)
        {
            throw new CanisterTrapException($"ic0.{function}: the range of {size} bytes at address {address} is outside the Wasm memory of {length} bytes");
        }

        return m.Instance.MemorySpan(address, (int)size);
    }

    private static void CopyOut(MessageExecution m, ReadOnlySpan<ValueBox> a, byte[] source, string function)
    {
        var destination = Address(m, a[0]);
        var offset = Address(m, a[1]);
        var size = Address(m, a[2]);
        if (offset < 0 || size < 0 || offset + size > source.Length)
        {
            throw new CanisterTrapException($"ic0.{function}: offset {offset} + size {size} exceeds the {source.Length} bytes available");
        }

        source.AsSpan((int)offset, (int)size).CopyTo(Heap(m, destination, size, function));
    }

    private static CanisterTrapException NotAvailable(MessageExecution m, string function) =>
        CanisterTrapException.ContractViolation($"\"ic0_{function}\" cannot be executed in {Describe(m.Entry)} mode");

    private static string Describe(EntryPoint entry) => entry switch
    {
        EntryPoint.Start => "start",
        EntryPoint.Init => "init",
        EntryPoint.PreUpgrade => "pre upgrade",
        EntryPoint.PostUpgrade => "post upgrade",
        EntryPoint.Update => "update",
        EntryPoint.Query => "non replicated query",
        EntryPoint.InspectMessage => "inspect message",
        EntryPoint.ReplyCallback => "reply callback",
        EntryPoint.RejectCallback => "reject callback",
        EntryPoint.Cleanup => "cleanup",
        _ => "system task",
    };

    private static byte[] ArgData(MessageExecution m) =>
        m.Entry is EntryPoint.Init or EntryPoint.PostUpgrade or EntryPoint.Update or EntryPoint.Query or EntryPoint.InspectMessage or EntryPoint.ReplyCallback
            ? (m.Entry == EntryPoint.ReplyCallback ? m.Response!.Reply! : m.Arg)
            : throw NotAvailable(m, "msg_arg_data_size");

    private static byte[] Caller(MessageExecution m) =>
        m.Entry is EntryPoint.Cleanup or EntryPoint.GlobalTimer ? throw NotAvailable(m, "msg_caller_size") : m.Caller.Bytes.ToArray();

    private static CallResponse Response(MessageExecution m, string function) =>
        m.Entry is EntryPoint.ReplyCallback or EntryPoint.RejectCallback ? m.Response! : throw NotAvailable(m, function);

    private static byte[] RejectMessage(MessageExecution m) =>
        m.Entry == EntryPoint.RejectCallback ? Encoding.UTF8.GetBytes(m.Response!.RejectMessage) : throw NotAvailable(m, "msg_reject_msg_size");

    private static byte[] MethodName(MessageExecution m) =>
        m.Entry == EntryPoint.InspectMessage ? Encoding.UTF8.GetBytes(m.MethodName) : throw NotAvailable(m, "msg_method_name_size");

    private static byte[] Certificate(MessageExecution m) => m.DataCertificate ?? throw NotAvailable(m, "data_certificate_size");

    private static void AcceptMessage(MessageExecution m)
    {
        if (m.Entry != EntryPoint.InspectMessage || m.MessageAccepted)
        {
            throw NotAvailable(m, "accept_message");
        }

        m.MessageAccepted = true;
    }

    private static void ReplyDataAppend(MessageExecution m, ReadOnlySpan<ValueBox> a)
    {
        RequireUnanswered(m, "msg_reply_data_append");
        var data = Heap(m, a[0], a[1], "msg_reply_data_append");
        if (m.ReplyData.Length + data.Length > 2 * 1024 * 1024)
        {
            throw CanisterTrapException.ContractViolation("ic0.msg_reply_data_append: application payload size cannot be larger than 2097152 bytes");
        }

        m.ReplyData.Write(data);
    }

    private static void Reply(MessageExecution m)
    {
        RequireUnanswered(m, "msg_reply");
        m.Answer = CallResponse.Replied(m.ReplyData.ToArray());
    }

    private static void Reject(MessageExecution m, ReadOnlySpan<ValueBox> a)
    {
        RequireUnanswered(m, "msg_reject");
        var message = Encoding.UTF8.GetString(Heap(m, a[0], a[1], "msg_reject"));
        m.Answer = CallResponse.Rejected(IcRejectCode.CanisterReject, IcErrorCode.CanisterRejectedMessage, message);
    }

    private static void RequireUnanswered(MessageExecution m, string function)
    {
        if (!m.CanReply)
        {
            throw NotAvailable(m, function);
        }

        if (m.Answer is not null || m.Context?.Response is not null)
        {
            throw CanisterTrapException.ContractViolation($"ic0.{function}: the call has already been replied to or rejected");
        }
    }

    private static CallContext CyclesContext(MessageExecution m, string function) =>
        m.SeesCycles && m.Context is { } context ? context : throw NotAvailable(m, function);

    private static BigInteger Accept(MessageExecution m, BigInteger wanted)
    {
        var context = CyclesContext(m, "msg_cycles_accept128");
        var accepted = BigInteger.Min(wanted, context.AvailableCycles);
        context.AvailableCycles -= accepted;
        m.Canister.Cycles += accepted;
        return accepted;
    }

    private static void Write128(MessageExecution m, ValueBox destination, BigInteger value)
    {
        var span = Heap(m, Address(m, destination), 16, "cycles128");
        var clamped = BigInteger.Min(BigInteger.Max(value, 0), UInt128.MaxValue);
        BinaryPrimitives.WriteUInt128LittleEndian(span, (UInt128)clamped);
    }

    private static void CallNew(MessageExecution m, ReadOnlySpan<ValueBox> a, Span<ValueBox> results)
    {
        if (!m.CanCall || m.Context is null)
        {
            throw NotAvailable(m, "call_new");
        }

        if (m.PendingCall is not null)
        {
            // A call under construction that is not performed is discarded, as the specification allows.
            m.Canister.Cycles += m.PendingCall.Cycles;
        }

        var callee = Principal.FromBytes(Heap(m, a[0], a[1], "call_new").ToArray());
        var method = Encoding.UTF8.GetString(Heap(m, a[2], a[3], "call_new"));
        m.PendingCall = new OutgoingCall(m.Canister.Id, m.Context, callee, method)
        {
            ReplyFunction = Address(m, a[4]),
            ReplyEnvironment = Address(m, a[5]),
            RejectFunction = Address(m, a[6]),
            RejectEnvironment = Address(m, a[7]),
        };
    }

    private static OutgoingCall Pending(MessageExecution m, string function) =>
        m.PendingCall ?? throw CanisterTrapException.ContractViolation($"ic0.{function}: there is no call under construction (call ic0.call_new first)");

    private static void AddCycles(MessageExecution m, BigInteger amount)
    {
        var call = Pending(m, "call_cycles_add128");
        if (m.Canister.Cycles < amount)
        {
            throw CanisterTrapException.ContractViolation($"ic0.call_cycles_add128: the canister holds {m.Canister.Cycles} cycles and cannot attach {amount}");
        }

        m.Canister.Cycles -= amount;
        call.Cycles += amount;
    }

    private static int Perform(MessageExecution m)
    {
        var call = Pending(m, "call_perform");
        m.PendingCall = null;
        m.PerformedCalls.Add(call);
        return 0;
    }

    private static void StableRead(MessageExecution m, long destination, long offset, long size)
    {
        var target = Heap(m, destination, size, "stable_read");
        m.Canister.StableMemory.Read(offset, target);
    }

    private static void SetCertifiedData(MessageExecution m, ReadOnlySpan<ValueBox> a)
    {
        if (m.IsQuery)
        {
            throw NotAvailable(m, "certified_data_set");
        }

        var data = Heap(m, a[0], a[1], "certified_data_set");
        if (data.Length > 32)
        {
            throw CanisterTrapException.ContractViolation($"ic0.certified_data_set: certified data of {data.Length} bytes is larger than 32 bytes");
        }

        m.Canister.CertifiedData = data.ToArray();
    }

    private static long SetTimer(MessageExecution m, long timestamp)
    {
        if (m.IsQuery)
        {
            throw NotAvailable(m, "global_timer_set");
        }

        var previous = m.Canister.GlobalTimer;
        m.Canister.GlobalTimer = timestamp;
        return previous;
    }
}
