using System.Text.Json.Nodes;
using IcOperator.Emulators.Kube.Errors;

namespace IcOperator.Emulators.Kube.Protobuf;

/// <summary>
/// Decodes the protobuf bodies kubectl's typed commands send (<c>kubectl create namespace|configmap|secret</c>)
/// into the JSON the server stores: the <c>k8s\0</c> envelope (<c>runtime.Unknown</c>), then Namespace,
/// ConfigMap, Secret or Lease with the ObjectMeta fields a client sets, and the DeleteOptions sent with a DELETE. Other kinds answer 415.
/// </summary>
internal static class KubeProtobuf
{
    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    public static JsonObject Decode(byte[] body)
    {
        if (!body.AsSpan().StartsWith(Magic))
        {
            throw KubeErrors.BadRequest("protobuf body does not start with the k8s\\0 prefix");
        }

        try
        {
            var envelope = new ProtoReader(body, Magic.Length, body.Length);
            string apiVersion = string.Empty, kind = string.Empty;
            ProtoReader? raw = null;
            while (envelope.More)
            {
                var (field, wire) = envelope.ReadTag();
                switch (field)
                {
                    case 1:
                        var typeMeta = envelope.ReadMessage();
                        while (typeMeta.More)
                        {
                            var (f, w) = typeMeta.ReadTag();
                            if (f == 1) { apiVersion = typeMeta.ReadString(); }
                            else if (f == 2) { kind = typeMeta.ReadString(); }
                            else { typeMeta.Skip(w); }
                        }

                        break;
                    case 2:
                        raw = envelope.ReadMessage();
                        break;
                    default:
                        envelope.Skip(wire);
                        break;
                }
            }

            var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
            if (raw is null)
            {
                return obj;
            }

            switch (kind)
            {
                case "Namespace":
                    ReadNamespace(raw, obj);
                    break;
                case "ConfigMap":
                    ReadConfigMap(raw, obj);
                    break;
                case "Secret":
                    ReadSecret(raw, obj);
                    break;
                case "Lease":
                    ReadLease(raw, obj);
                    break;
                case "DeleteOptions":
                    ReadDeleteOptions(raw, obj);
                    break;
                default:
                    throw new KubeApiException(415, "UnsupportedMediaType", $"protobuf bodies of kind {kind} are not supported; send application/json");
            }

            return obj;
        }
        catch (FormatException e)
        {
            throw KubeErrors.BadRequest("the protobuf body could not be decoded: " + e.Message);
        }
    }

    private static void ReadNamespace(ProtoReader reader, JsonObject obj)
    {
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                obj["metadata"] = ReadObjectMeta(reader.ReadMessage());
            }
            else if (field == 2)
            {
                var spec = reader.ReadMessage();
                var finalizers = new JsonArray();
                while (spec.More)
                {
                    var (f, w) = spec.ReadTag();
                    if (f == 1) { finalizers.Add(spec.ReadString()); }
                    else { spec.Skip(w); }
                }

                obj["spec"] = new JsonObject { ["finalizers"] = finalizers };
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private static void ReadConfigMap(ProtoReader reader, JsonObject obj)
    {
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: obj["metadata"] = ReadObjectMeta(reader.ReadMessage()); break;
                case 2: AddEntry(obj, "data", reader.ReadMessage(), binary: false); break;
                case 3: AddEntry(obj, "binaryData", reader.ReadMessage(), binary: true); break;
                case 4: obj["immutable"] = reader.ReadVarint() != 0; break;
                default: reader.Skip(wire); break;
            }
        }
    }

    private static void ReadSecret(ProtoReader reader, JsonObject obj)
    {
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: obj["metadata"] = ReadObjectMeta(reader.ReadMessage()); break;
                case 2: AddEntry(obj, "data", reader.ReadMessage(), binary: true); break;
                case 3: SetText(obj, "type", reader.ReadString()); break;
                case 4: AddEntry(obj, "stringData", reader.ReadMessage(), binary: false); break;
                case 5: obj["immutable"] = reader.ReadVarint() != 0; break;
                default: reader.Skip(wire); break;
            }
        }
    }

    private static void ReadLease(ProtoReader reader, JsonObject obj)
    {
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                obj["metadata"] = ReadObjectMeta(reader.ReadMessage());
                continue;
            }

            if (field != 2)
            {
                reader.Skip(wire);
                continue;
            }

            var spec = new JsonObject();
            var fields = reader.ReadMessage();
            while (fields.More)
            {
                var (f, w) = fields.ReadTag();
                switch (f)
                {
                    case 1: SetText(spec, "holderIdentity", fields.ReadString()); break;
                    case 2: spec["leaseDurationSeconds"] = (int)fields.ReadVarint(); break;
                    case 5: spec["leaseTransitions"] = (int)fields.ReadVarint(); break;
                    default: fields.Skip(w); break;
                }
            }

            obj["spec"] = spec;
        }
    }

    // What client-go's typed clients send with DELETE (Helm removing its release Secrets), as meta/v1 generated.proto numbers it.
    private static void ReadDeleteOptions(ProtoReader reader, JsonObject obj)
    {
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: obj["gracePeriodSeconds"] = (long)reader.ReadVarint(); break;
                case 2: obj["preconditions"] = ReadPreconditions(reader.ReadMessage()); break;
                case 3: obj["orphanDependents"] = reader.ReadVarint() != 0; break;
                case 4: SetText(obj, "propagationPolicy", reader.ReadString()); break;
                case 5: ((obj["dryRun"] ??= new JsonArray()) as JsonArray)!.Add(reader.ReadString()); break;
                default: reader.Skip(wire); break;
            }
        }
    }

    private static JsonObject ReadPreconditions(ProtoReader reader)
    {
        var preconditions = new JsonObject();
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: SetText(preconditions, "uid", reader.ReadString()); break;
                case 2: SetText(preconditions, "resourceVersion", reader.ReadString()); break;
                default: reader.Skip(wire); break;
            }
        }

        return preconditions;
    }

    private static JsonObject ReadObjectMeta(ProtoReader reader)
    {
        var meta = new JsonObject();
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: SetText(meta, "name", reader.ReadString()); break;
                case 2: SetText(meta, "generateName", reader.ReadString()); break;
                case 3: SetText(meta, "namespace", reader.ReadString()); break;
                case 5: SetText(meta, "uid", reader.ReadString()); break;
                case 6: SetText(meta, "resourceVersion", reader.ReadString()); break;
                case 11: AddEntry(meta, "labels", reader.ReadMessage(), binary: false); break;
                case 12: AddEntry(meta, "annotations", reader.ReadMessage(), binary: false); break;
                case 13: AddOwnerReference(meta, reader.ReadMessage()); break;
                case 14: ((meta["finalizers"] ??= new JsonArray()) as JsonArray)!.Add(reader.ReadString()); break;
                default: reader.Skip(wire); break;
            }
        }

        return meta;
    }

    private static void AddOwnerReference(JsonObject meta, ProtoReader reader)
    {
        var owner = new JsonObject();
        while (reader.More)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1: owner["kind"] = reader.ReadString(); break;
                case 3: owner["name"] = reader.ReadString(); break;
                case 4: owner["uid"] = reader.ReadString(); break;
                case 5: owner["apiVersion"] = reader.ReadString(); break;
                case 6: owner["controller"] = reader.ReadVarint() != 0; break;
                case 7: owner["blockOwnerDeletion"] = reader.ReadVarint() != 0; break;
                default: reader.Skip(wire); break;
            }
        }

        ((meta["ownerReferences"] ??= new JsonArray()) as JsonArray)!.Add(owner);
    }

    // Maps travel as repeated entries {1: key, 2: value}.
    private static void AddEntry(JsonObject target, string field, ProtoReader entry, bool binary)
    {
        string key = string.Empty, value = string.Empty;
        while (entry.More)
        {
            var (f, w) = entry.ReadTag();
            if (f == 1) { key = entry.ReadString(); }
            else if (f == 2) { value = binary ? Convert.ToBase64String(entry.ReadBytes()) : entry.ReadString(); }
            else { entry.Skip(w); }
        }

        var map = target[field] as JsonObject ?? new JsonObject();
        map[key] = value;
        target[field] = map;
    }

    private static void SetText(JsonObject target, string field, string value)
    {
        if (value.Length > 0)
        {
            target[field] = value;
        }
    }
}
