using Autoencoders.Data;
using Autoencoders.Nn.Serialization;

namespace Autoencoders.Nn.Tests.Serialization;

public sealed class ModelPreprocessingTests
{
    [Fact]
    public void ScalerColumnsAndClassesRoundTripThroughMetadata()
    {
        var saved = new ModelPreprocessing(new MinMaxScaler([0f, -1f], [2f, 1f]), ["x1", "x,2"], [0, 3]);

        var back = ModelPreprocessing.Read(saved.ToMetadata());

        Assert.Equal([0f, -1f], back.Scaler!.Minimum);
        Assert.Equal([2f, 1f], back.Scaler.Maximum);
        Assert.Equal(["x1", "x,2"], back.FeatureNames!);
        Assert.Equal([0, 3], back.TrainingClasses!);
        float[] rows = [1f, 0f, 2f, 1f];
        back.Apply(rows);
        Assert.Equal([0.5f, 0.5f, 1f, 1f], rows);
    }

    [Fact]
    public void AModelWithoutMetadataHasNoPreprocessing()
    {
        var none = ModelPreprocessing.Read(new Dictionary<string, string>());
        Assert.Equal((null, null, null), (none.Scaler, none.FeatureNames, none.TrainingClasses));
        Assert.Empty(ModelPreprocessing.None.ToMetadata());
    }

    [Fact]
    public void ColumnsThatDoNotMatchTheScalerAreRefusedByKey()
    {
        var metadata = new Dictionary<string, string>(new ModelPreprocessing(new MinMaxScaler([0f, 0f], [1f, 1f]), null, null).ToMetadata())
        {
            [ModelPreprocessing.ColumnsKey] = "[\"only\"]",
        };
        var error = Assert.Throws<InvalidDataException>(() => ModelPreprocessing.Read(metadata));
        Assert.Equal("metadata \"preprocessing.columns\": expected 2 column names (as many as the scaler's features), received 1", error.Message);
    }
}
