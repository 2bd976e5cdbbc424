using System.CommandLine;
using System.Numerics.Tensors;
using Autoencoders.Data;
using Autoencoders.Nn.Recommendation;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae recommend similar</c>: the items whose codes have the largest cosine with an item's code (never the item itself).</summary>
internal static class RecommendSimilarCommand
{
    public static Command Create(TextWriter output)
    {
        var model = RecommendModelOption.Create();
        var item = new Option<string>("--item") { Description = "the item's id as in the ratings file", Required = true, HelpName = "ID" };
        var count = new Option<int>("--count") { Description = "how many items", DefaultValueFactory = _ => 10, HelpName = "N" };
        var threads = CommonOptions.Threads();
        var command = new Command("similar", "The items nearest an item by the cosine of their codes") { model, item, count, threads };
        command.SetAction(parsed =>
        {
            int wanted = CommonOptions.Positive(parsed.GetValue(count), "--count");
            RecommenderModel recommender = RecommendModelOption.Load(parsed.GetValue(model)!, parsed.GetValue(threads));
            string id = parsed.GetValue(item)!;
            int index = recommender.Items.Find(id);
            if (index < 0)
                throw new UsageException($"--item: no item \"{id}\" in the model (it knows {recommender.Items.Count:N0} items)");
            float[] codes = recommender.ItemCodes(out int size);
            ReadOnlySpan<float> target = codes.AsSpan(index * size, size);
            var cosines = new float[recommender.Items.Count];
            for (int other = 0; other < cosines.Length; other++)
                cosines[other] = other == index ? float.NegativeInfinity : Cosine(target, codes.AsSpan(other * size, size));
            int[] nearest = RankingMetrics.TopItems(cosines, Math.Min(wanted, cosines.Length - 1));
            string title = RecommendModelOption.Title(recommender, index);
            output.WriteLine($"{recommender.Kind}: the {nearest.Length} items nearest item {id}{(title.Length > 0 ? $" ({title})" : "")} by the cosine of their {size}-value codes");
            output.WriteLine("rank,item,cosine,title");
            for (int rank = 0; rank < nearest.Length; rank++)
                output.WriteLine($"{rank + 1},{CsvField.Quote(recommender.Items[nearest[rank]])},{cosines[nearest[rank]]:F4},{CsvField.Quote(RecommendModelOption.Title(recommender, nearest[rank]))}");
            return ExitCodes.Success;
        });
        return command;
    }

    // A code of zeros (an item no one rated) has no direction: its cosine is 0 with everything.
    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float norms = TensorPrimitives.Norm(a) * TensorPrimitives.Norm(b);
        return norms > 0 ? TensorPrimitives.Dot(a, b) / norms : 0f;
    }
}
