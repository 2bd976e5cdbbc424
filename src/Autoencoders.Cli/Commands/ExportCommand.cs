using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Interchange.Onnx;
using Google.Protobuf;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae export</c>: a trained model, or its encoder or decoder, as an ONNX file (see docs/onnx-export.md).</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "a model file written by ae train", Required = true, HelpName = "MODEL" };
        var outFile = new Option<string>("--out") { Description = "the ONNX file to write (opset 17, IR version 8, batch dimension \"batch\")", Required = true, HelpName = "model.onnx" };
        var part = new Option<string>("--part")
        {
            Description = "what the file computes: autoencoder (input → output), encoder (input → code; a VAE: mu, log_var) or decoder (code → output)",
            DefaultValueFactory = _ => "autoencoder",
            HelpName = "autoencoder|encoder|decoder",
        };
        part.AcceptOnlyFromAmong("autoencoder", "encoder", "decoder");
        var command = new Command("export", "Export a trained model, its encoder or its decoder to ONNX") { model, outFile, part };
        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!, outPath = parsed.GetValue(outFile)!;
            OnnxPart chosen = OnnxNames.ParsePart(parsed.GetValue(part)!);
            CommonOptions.RequireWritableFolderFor(outPath);
            var loaded = ModelLoading.Load(modelPath);
            // The scaler is recorded, not built into the graph: the graph computes what the model file computes, on
            // scaled inputs, and the other commands read the same metadata key to scale data.
            var metadata = new Dictionary<string, string>();
            if (ModelData.ScalerOf(loaded) is { } scaler) metadata[ModelData.MinMaxKey] = ModelData.ScalerMetadata(scaler);
            global::Onnx.ModelProto onnx;
            try
            {
                onnx = OnnxExporter.Export(loaded.Model, chosen, metadata);
            }
            catch (Exception error) when (error is NotSupportedException or ArgumentException)
            {
                throw new UsageException($"{modelPath}: {error.Message}");
            }
            OnnxExporter.Save(onnx, outPath);
            var graph = onnx.Graph;
            output.WriteLine($"wrote {outPath}: the {OnnxNames.Of(chosen)} part of {modelPath} as ONNX (opset {OnnxExporter.OpsetVersion}, IR {onnx.IrVersion}), "
                + $"{graph.Node.Count} nodes, {graph.Initializer.Count} initializers, {onnx.CalculateSize():N0} bytes");
            output.WriteLine($"inputs: {Describe(graph.Input)}; outputs: {Describe(graph.Output)}");
            if (metadata.ContainsKey(ModelData.MinMaxKey))
                output.WriteLine($"inputs are expected min-max scaled to [0, 1] as in training: the scaler is in metadata_props \"{ModelData.MinMaxKey}\"");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Describe(IEnumerable<global::Onnx.ValueInfoProto> values) =>
        string.Join(", ", values.Select(v => $"{v.Name} ({OnnxGraphBuilder.DescribeShape(v)})"));
}
