from django.utils import translation

from ouvert.core.charts import bars


def test_bars_are_scaled_to_the_largest_and_show_numbers_as_the_language_writes_them():
    with translation.override("fr"):
        actors, rate, none = bars([("Acteurs", 2_300_000), ("Taux", 66.7), ("Rien", 0)])
        assert actors.percent == 100
        assert rate.percent == 0.0
        assert actors.display == "2\xa0300\xa0000"  # never "2.3e+06"
        assert rate.display == "66,7"
        assert none.display == "0"
        assert bars([("Taux", 67.0)], unit=" %")[0].display == "67 %"
    with translation.override("en"):
        actors, rate = bars([("Actors", 2_300_000), ("Rate", 66.7)])
        assert (actors.display, rate.display) == ("2,300,000", "66.7")
