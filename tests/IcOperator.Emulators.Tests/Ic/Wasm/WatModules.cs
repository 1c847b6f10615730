namespace IcOperator.Emulators.Tests.Ic.Wasm;

/// <summary>Canister modules written in WAT for one purpose each, compiled by Wasmtime's WAT support.</summary>
internal static class WatModules
{
    /// <summary>
    /// A 32-bit canister that exercises the system API. Methods reply raw bytes (no Candid). Memory: 0..16 scratch,
    /// 1000.. strings, 2000.. the argument. <c>canister_init</c> traps when its argument starts with 'T' and loops
    /// forever when it starts with 'L'.
    /// </summary>
    public static byte[] Probe { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
          (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
          (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
          (import "ic0" "msg_reply" (func $reply))
          (import "ic0" "msg_reject" (func $reject (param i32 i32)))
          (import "ic0" "msg_caller_size" (func $caller_size (result i32)))
          (import "ic0" "msg_caller_copy" (func $caller_copy (param i32 i32 i32)))
          (import "ic0" "msg_method_name_size" (func $method_size (result i32)))
          (import "ic0" "msg_method_name_copy" (func $method_copy (param i32 i32 i32)))
          (import "ic0" "accept_message" (func $accept))
          (import "ic0" "canister_self_size" (func $self_size (result i32)))
          (import "ic0" "canister_self_copy" (func $self_copy (param i32 i32 i32)))
          (import "ic0" "canister_cycle_balance128" (func $balance (param i32)))
          (import "ic0" "canister_version" (func $version (result i64)))
          (import "ic0" "canister_status" (func $status (result i32)))
          (import "ic0" "is_controller" (func $is_controller (param i32 i32) (result i32)))
          (import "ic0" "time" (func $time (result i64)))
          (import "ic0" "trap" (func $trap (param i32 i32)))
          (import "ic0" "debug_print" (func $print (param i32 i32)))
          (import "ic0" "stable_size" (func $stable_size (result i32)))
          (import "ic0" "stable_grow" (func $stable_grow (param i32) (result i32)))
          (import "ic0" "stable_write" (func $stable_write (param i32 i32 i32)))
          (import "ic0" "stable_read" (func $stable_read (param i32 i32 i32)))
          (import "ic0" "stable64_size" (func $stable64_size (result i64)))
          (import "ic0" "stable64_grow" (func $stable64_grow (param i64) (result i64)))
          (import "ic0" "stable64_write" (func $stable64_write (param i64 i64 i64)))
          (import "ic0" "stable64_read" (func $stable64_read (param i64 i64 i64)))
          (import "ic0" "certified_data_set" (func $certify (param i32 i32)))
          (import "ic0" "data_certificate_present" (func $certificate_present (result i32)))
          (import "ic0" "data_certificate_size" (func $certificate_size (result i32)))
          (import "ic0" "data_certificate_copy" (func $certificate_copy (param i32 i32 i32)))
          (import "ic0" "global_timer_set" (func $timer_set (param i64) (result i64)))
          (import "ic0" "performance_counter" (func $perf (param i32) (result i64)))
          (memory 1)
          (global $counter (mut i64) (i64.const 0))
          (data (i32.const 1000) "boom")
          (data (i32.const 1010) "no thanks")
          (data (i32.const 1020) "timer fired")
          (data (i32.const 1040) "refused")

          (func $reply_bytes (param $ptr i32) (param $len i32)
            (call $append (local.get $ptr) (local.get $len))
            (call $reply))
          (func $reply_i64 (param $v i64)
            (i64.store (i32.const 0) (local.get $v))
            (call $reply_bytes (i32.const 0) (i32.const 8)))
          (func $read_arg (result i32)
            (call $arg_copy (i32.const 2000) (i32.const 0) (call $arg_size))
            (call $arg_size))

          (func (export "canister_init")
            (if (i32.gt_u (call $arg_size) (i32.const 0))
              (then
                (drop (call $read_arg))
                (if (i32.eq (i32.load8_u (i32.const 2000)) (i32.const 84))
                  (then (call $trap (i32.const 1000) (i32.const 4))))
                (if (i32.eq (i32.load8_u (i32.const 2000)) (i32.const 76))
                  (then (loop $forever (br $forever)))))))

          (func (export "canister_inspect_message")
            (i64.store (i32.const 16) (i64.const 0))
            (if (i32.eq (call $method_size) (i32.const 7))
              (then (call $method_copy (i32.const 16) (i32.const 0) (i32.const 7))))
            (if (i64.ne (i64.load (i32.const 1040)) (i64.load (i32.const 16)))
              (then (call $accept))))

          (func (export "canister_update echo") (call $reply_bytes (i32.const 2000) (call $read_arg)))
          (func (export "canister_update refused") (call $reply))
          (func (export "canister_query caller")
            (call $caller_copy (i32.const 2000) (i32.const 0) (call $caller_size))
            (call $reply_bytes (i32.const 2000) (call $caller_size)))
          (func (export "canister_query self")
            (call $self_copy (i32.const 2000) (i32.const 0) (call $self_size))
            (call $reply_bytes (i32.const 2000) (call $self_size)))
          (func (export "canister_query time") (call $reply_i64 (call $time)))
          (func (export "canister_query version") (call $reply_i64 (call $version)))
          (func (export "canister_query status") (call $reply_i64 (i64.extend_i32_u (call $status))))
          (func (export "canister_query balance")
            (call $balance (i32.const 0))
            (call $reply_bytes (i32.const 0) (i32.const 16)))
          (func (export "canister_query controller")
            (call $reply_i64 (i64.extend_i32_u (call $is_controller (i32.const 2000) (call $read_arg)))))

          (func (export "canister_update inc")
            (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
            (i64.store (i32.const 100) (global.get $counter))
            (call $reply_i64 (global.get $counter)))
          (func (export "canister_update inc_then_trap")
            (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
            (i64.store (i32.const 100) (global.get $counter))
            (drop (call $stable64_grow (i64.const 1)))
            (call $stable64_write (i64.const 0) (i64.const 100) (i64.const 8))
            (call $trap (i32.const 1000) (i32.const 4)))
          (func (export "canister_query inc_query")
            (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
            (i64.store (i32.const 100) (global.get $counter))
            (call $reply_i64 (global.get $counter)))
          (func (export "canister_query read")
            (call $reply_i64 (i64.add (global.get $counter) (i64.shl (i64.load (i32.const 100)) (i64.const 32)))))

          (func (export "canister_update stable_put")
            (local $size i32)
            (local.set $size (call $read_arg))
            (if (i64.eq (call $stable64_size) (i64.const 0))
              (then (drop (call $stable64_grow (i64.const 1)))))
            (call $stable64_write (i64.const 0) (i64.const 2000) (i64.extend_i32_u (local.get $size)))
            (call $reply_i64 (call $stable64_size)))
          (func (export "canister_query stable_get")
            (call $stable64_read (i64.const 16) (i64.const 0) (i64.const 5))
            (call $reply_bytes (i32.const 16) (i32.const 5)))
          (func (export "canister_update stable32")
            (drop (call $stable_grow (i32.const 2)))
            (call $stable_write (i32.const 70000) (i32.const 1000) (i32.const 4))
            (call $stable_read (i32.const 16) (i32.const 70000) (i32.const 4))
            (i64.store (i32.const 24) (i64.extend_i32_u (call $stable_size)))
            (call $reply_bytes (i32.const 16) (i32.const 16)))
          (func (export "canister_update stable_out_of_bounds")
            (call $stable64_read (i64.const 0) (i64.const 1000000000) (i64.const 8))
            (call $reply))

          (func (export "canister_update certify")
            (call $certify (i32.const 2000) (call $read_arg))
            (call $reply))
          (func (export "canister_query certificate_present")
            (call $reply_i64 (i64.extend_i32_u (call $certificate_present))))
          (func (export "canister_query certificate")
            (if (i32.eqz (call $certificate_present)) (then (call $reply) (return)))
            (call $certificate_copy (i32.const 4096) (i32.const 0) (call $certificate_size))
            (call $reply_bytes (i32.const 4096) (call $certificate_size)))
          (func (export "canister_composite_query composite_certificate")
            (if (i32.eqz (call $certificate_present)) (then (call $reply) (return)))
            (call $certificate_copy (i32.const 4096) (i32.const 0) (call $certificate_size))
            (call $reply_bytes (i32.const 4096) (call $certificate_size)))
          (func (export "canister_update set_timer")
            (drop (call $read_arg))
            (call $reply_i64 (call $timer_set (i64.load (i32.const 2000)))))
          (func (export "canister_global_timer")
            (global.set $counter (i64.add (global.get $counter) (i64.const 1000)))
            (call $print (i32.const 1020) (i32.const 11)))
          (func (export "canister_update perf")
            (local $i i32)
            (loop $again
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $again (i32.lt_u (local.get $i) (i32.const 10000))))
            (call $reply_i64 (call $perf (i32.const 0))))
          (func (export "canister_update print")
            (call $print (i32.const 2000) (call $read_arg))
            (call $reply))

          (func (export "canister_update reject") (call $reject (i32.const 1010) (i32.const 9)))
          (func (export "canister_update reply_twice") (call $reply) (call $reply))
          (func (export "canister_update silent"))
          (func (export "canister_update unreachable") unreachable)
          (func (export "canister_update loop") (loop $forever (br $forever)))
          (func (export "canister_query loop_query") (loop $forever (br $forever)))
          (func (export "canister_update grow")
            (drop (call $read_arg))
            (if (i32.eq (memory.grow (i32.load (i32.const 2000))) (i32.const -1))
              (then unreachable))
            (call $reply))
          (func (export "canister_query certified_in_query")
            (call $certify (i32.const 1000) (i32.const 4))
            (call $reply))
          (func (export "canister_pre_upgrade")
            (drop (call $stable64_grow (i64.const 1)))
            (i64.store (i32.const 0) (global.get $counter))
            (call $stable64_write (i64.const 8) (i64.const 0) (i64.const 8)))
          (func (export "canister_post_upgrade")
            (call $stable64_read (i64.const 0) (i64.const 8) (i64.const 8))
            (i64.store (i32.const 100) (i64.load (i32.const 0)))))
        """);

    /// <summary>A 64-bit canister (memory64): address and size parameters of the system API are i64.</summary>
    public static byte[] Echo64 { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "ic0" "msg_arg_data_size" (func $arg_size (result i64)))
          (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i64 i64 i64)))
          (import "ic0" "msg_reply_data_append" (func $append (param i64 i64)))
          (import "ic0" "msg_reply" (func $reply))
          (memory i64 1)
          (func (export "canister_update echo")
            (call $arg_copy (i64.const 4096) (i64.const 0) (call $arg_size))
            (call $append (i64.const 4096) (call $arg_size))
            (call $reply)))
        """);

    /// <summary>
    /// Calls the management canister with cycles attached. <c>send</c>'s argument: the cycles (u64, little endian), the
    /// method name's length (one byte), the name, the Candid argument. It replies the cycles refunded (u128, little
    /// endian) and the reject code (u32, 0 when the call replied).
    /// </summary>
    public static byte[] ManagementCaller { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
          (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
          (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
          (import "ic0" "msg_reply" (func $reply))
          (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
          (import "ic0" "msg_cycles_refunded128" (func $refunded (param i32)))
          (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
          (import "ic0" "call_data_append" (func $call_data (param i32 i32)))
          (import "ic0" "call_cycles_add128" (func $cycles_add (param i64 i64)))
          (import "ic0" "call_perform" (func $perform (result i32)))
          (memory 1)
          (table 2 funcref)
          (elem (i32.const 0) $on_reply $on_reject)
          (func (export "canister_update send")
            (local $size i32) (local $name i32)
            (local.set $size (call $arg_size))
            (call $arg_copy (i32.const 1000) (i32.const 0) (local.get $size))
            (local.set $name (i32.load8_u (i32.const 1008)))
            (call $call_new (i32.const 0) (i32.const 0) (i32.const 1009) (local.get $name) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0))
            (call $call_data (i32.add (i32.const 1009) (local.get $name)) (i32.sub (local.get $size) (i32.add (i32.const 9) (local.get $name))))
            (call $cycles_add (i64.const 0) (i64.load (i32.const 1000)))
            (drop (call $perform)))
          (func $answer (param $code i32)
            (call $refunded (i32.const 0))
            (i32.store (i32.const 16) (local.get $code))
            (call $append (i32.const 0) (i32.const 20))
            (call $reply))
          (func $on_reply (param $env i32) (call $answer (i32.const 0)))
          (func $on_reject (param $env i32) (call $answer (call $reject_code))))
        """);

    /// <summary>Imports a function the IC does not provide.</summary>
    public static byte[] UnknownImport { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "ic0" "launch_rockets" (func $launch))
          (func (export "canister_update go") (call $launch)))
        """);

    /// <summary>A 64-bit module that declares <c>msg_reply_data_append</c> with 32-bit parameters.</summary>
    public static byte[] WrongSignature { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
          (memory i64 1))
        """);

    /// <summary>Imports from a module other than <c>ic0</c>.</summary>
    public static byte[] WasiImport { get; } = Wasmtime.Module.ConvertText("""
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32))))
        """);
}
