"""Documents in memory: a DataFrame's columns are mapped as a table file's are."""

import pandas as pd
import pytest

from attrib.errors import UsageError
from attrib.inputs.memory import documents_from


def test_a_dataframe_of_news_please_columns_is_read_as_a_table_file_is():
    frame = pd.DataFrame([{"maintext": "The minister said the roads would reopen.", "title": "Roads to reopen",
                           "date_publish": "2022-01-05 10:00:00", "source_domain": "example.gr", "id": "a1"},
                          {"maintext": None, "title": "No text here", "id": "a2"}])
    docs = documents_from(frame)
    assert [d.doc_id for d in docs] == ["a1", "a2"]
    assert docs[0].text.startswith("Roads to reopen\n\n") and docs[0].meta["outlet"] == "example.gr"
    assert docs[0].meta["published"].startswith("2022-01-05") and docs[0].meta["title"] == "Roads to reopen"
    assert not docs[1].ok and "row 1 of the DataFrame has no text" in docs[1].error


def test_a_dataframe_without_a_text_column_is_refused_naming_its_columns():
    with pytest.raises(UsageError, match="the DataFrame has no 'text' column .*'body'"):
        documents_from(pd.DataFrame({"body": ["x"]}))
