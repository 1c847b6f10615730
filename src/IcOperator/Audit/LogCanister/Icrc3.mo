// ICRC-3's Value, its representation-independent hash, and the hash tree a log certifies for its tip.
// A module of its own so the hashes can be checked against the standard's vectors without a replica.

import Array "mo:core/Array";
import Blob "mo:core/Blob";
import Int "mo:core/Int";
import List "mo:core/List";
import Nat "mo:core/Nat";
import Nat8 "mo:core/Nat8";
import Nat32 "mo:core/Nat32";
import Nat64 "mo:core/Nat64";
import Order "mo:core/Order";
import Text "mo:core/Text";
import VarArray "mo:core/VarArray";

module {
  public type Value = {
    #Blob : Blob;
    #Text : Text;
    #Nat : Nat;
    #Int : Int;
    #Array : [Value];
    #Map : [(Text, Value)];
  };

  // ---- ICRC-3 representation-independent hash -------------------------------------------------

  public func hashValue(v : Value) : Blob {
    switch v {
      case (#Nat n) { sha256(leb128(n)) };
      case (#Int i) { sha256(sleb128(i)) };
      case (#Text t) { sha256(Blob.toArray(Text.encodeUtf8(t))) };
      case (#Blob b) { sha256(Blob.toArray(b)) };
      case (#Array items) {
        let all = List.empty<Nat8>();
        for (item in items.vals()) { appendBytes(all, Blob.toArray(hashValue(item))) };
        sha256(List.toArray(all));
      };
      case (#Map entries) {
        let pairs = VarArray.map<(Text, Value), [Nat8]>(
          Array.toVarArray<(Text, Value)>(entries),
          func((k, x)) {
            Array.concat(Blob.toArray(sha256(Blob.toArray(Text.encodeUtf8(k)))), Blob.toArray(hashValue(x)));
          },
        );
        VarArray.sortInPlace<[Nat8]>(pairs, compareBytes);
        let all = List.empty<Nat8>();
        for (p in pairs.vals()) { appendBytes(all, p) };
        sha256(List.toArray(all));
      };
    };
  };

  func compareBytes(a : [Nat8], b : [Nat8]) : Order.Order {
    let n = Nat.min(a.size(), b.size());
    var i = 0;
    while (i < n) {
      if (a[i] < b[i]) { return #less };
      if (a[i] > b[i]) { return #greater };
      i += 1;
    };
    Nat.compare(a.size(), b.size());
  };

  func appendBytes(list : List.List<Nat8>, bytes : [Nat8]) {
    for (b in bytes.vals()) { List.add(list, b) };
  };

  public func leb128(n : Nat) : [Nat8] {
    let out = List.empty<Nat8>();
    var x = n;
    loop {
      let b = Nat8.fromNat(x % 128);
      x /= 128;
      if (x == 0) { List.add(out, b); return List.toArray(out) };
      List.add(out, b | 0x80);
    };
  };

  public func sleb128(i : Int) : [Nat8] {
    let out = List.empty<Nat8>();
    var x = i;
    loop {
      let b = Nat8.fromNat(Int.abs(x % 128 + 128) % 128);
      x := (x - Int.fromNat(Nat8.toNat(b))) / 128;
      let signBit = b & 0x40 != 0;
      if ((x == 0 and not signBit) or (x == -1 and signBit)) {
        List.add(out, b);
        return List.toArray(out);
      };
      List.add(out, b | 0x80);
    };
  };

  // ---- The certified tip: a hash tree with last_block_hash and last_block_index ---------------

  public func treeRoot(index : Nat, h : Blob) : Blob {
    fork(labeled("last_block_hash", leaf(Blob.toArray(h))), labeled("last_block_index", leaf(leb128(index))));
  };

  func leaf(v : [Nat8]) : Blob { sha256(Array.concat(domain("ic-hashtree-leaf"), v)) };

  func labeled(l : Text, sub : Blob) : Blob {
    sha256(Array.concat(Array.concat(domain("ic-hashtree-labeled"), Blob.toArray(Text.encodeUtf8(l))), Blob.toArray(sub)));
  };

  func fork(l : Blob, r : Blob) : Blob {
    sha256(Array.concat(Array.concat(domain("ic-hashtree-fork"), Blob.toArray(l)), Blob.toArray(r)));
  };

  func domain(s : Text) : [Nat8] {
    let bytes = Blob.toArray(Text.encodeUtf8(s));
    Array.concat([Nat8.fromNat(bytes.size())], bytes);
  };

  // CBOR of Fork(Labeled("last_block_hash", Leaf(h)), Labeled("last_block_index", Leaf(leb128(index)))).
  public func treeCbor(index : Nat, h : Blob) : Blob {
    let out = List.empty<Nat8>();
    appendBytes(out, [0xd9, 0xd9, 0xf7, 0x83, 0x01]);
    cborLabeledLeaf(out, "last_block_hash", Blob.toArray(h));
    cborLabeledLeaf(out, "last_block_index", leb128(index));
    Blob.fromArray(List.toArray(out));
  };

  func cborLabeledLeaf(out : List.List<Nat8>, l : Text, v : [Nat8]) {
    appendBytes(out, [0x83, 0x02]);
    cborBytes(out, Blob.toArray(Text.encodeUtf8(l)));
    appendBytes(out, [0x82, 0x03]);
    cborBytes(out, v);
  };

  func cborBytes(out : List.List<Nat8>, bytes : [Nat8]) {
    if (bytes.size() < 24) {
      List.add(out, Nat8.fromNat(0x40 + bytes.size()));
    } else {
      appendBytes(out, [0x58, Nat8.fromNat(bytes.size())]);
    };
    appendBytes(out, bytes);
  };

  // ---- SHA-256 (FIPS 180-4) ---------------------------------------------------------------------

  let k : [Nat32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];

  public func sha256(data : [Nat8]) : Blob {
    let h : [var Nat32] = [var 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let bitLength = Nat64.fromNat(data.size() * 8);
    let padded = List.fromArray<Nat8>(data);
    List.add<Nat8>(padded, 0x80);
    while (List.size(padded) % 64 != 56) { List.add<Nat8>(padded, 0) };
    var shift : Nat64 = 56;
    loop {
      List.add(padded, Nat8.fromNat(Nat64.toNat((bitLength >> shift) & 0xff)));
      if (shift == 0) { return finish(h, padded) };
      shift -= 8;
    };
  };

  func finish(h : [var Nat32], padded : List.List<Nat8>) : Blob {
    let w : [var Nat32] = VarArray.repeat<Nat32>(0, 64);
    var offset = 0;
    while (offset < List.size(padded)) {
      var t = 0;
      while (t < 16) {
        let i = offset + t * 4;
        w[t] := (byte32(padded, i) << 24) | (byte32(padded, i + 1) << 16) | (byte32(padded, i + 2) << 8) | byte32(padded, i + 3);
        t += 1;
      };
      while (t < 64) {
        let s0 = (w[t - 15] <>> 7) ^ (w[t - 15] <>> 18) ^ (w[t - 15] >> 3);
        let s1 = (w[t - 2] <>> 17) ^ (w[t - 2] <>> 19) ^ (w[t - 2] >> 10);
        w[t] := w[t - 16] +% s0 +% w[t - 7] +% s1;
        t += 1;
      };
      var a = h[0]; var b = h[1]; var c = h[2]; var d = h[3];
      var e = h[4]; var f = h[5]; var g = h[6]; var hh = h[7];
      t := 0;
      while (t < 64) {
        let S1 = (e <>> 6) ^ (e <>> 11) ^ (e <>> 25);
        let ch = (e & f) ^ ((^ e) & g);
        let temp1 = hh +% S1 +% ch +% k[t] +% w[t];
        let S0 = (a <>> 2) ^ (a <>> 13) ^ (a <>> 22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let temp2 = S0 +% maj;
        hh := g; g := f; f := e; e := d +% temp1;
        d := c; c := b; b := a; a := temp1 +% temp2;
        t += 1;
      };
      h[0] := h[0] +% a; h[1] := h[1] +% b; h[2] := h[2] +% c; h[3] := h[3] +% d;
      h[4] := h[4] +% e; h[5] := h[5] +% f; h[6] := h[6] +% g; h[7] := h[7] +% hh;
      offset += 64;
    };
    let out = List.empty<Nat8>();
    for (x in h.vals()) {
      appendBytes(out, [Nat8.fromNat(Nat32.toNat(x >> 24)), Nat8.fromNat(Nat32.toNat((x >> 16) & 0xff)), Nat8.fromNat(Nat32.toNat((x >> 8) & 0xff)), Nat8.fromNat(Nat32.toNat(x & 0xff))]);
    };
    Blob.fromArray(List.toArray(out));
  };

  func byte32(list : List.List<Nat8>, i : Nat) : Nat32 { Nat32.fromNat(Nat8.toNat(List.at(list, i))) };
};
