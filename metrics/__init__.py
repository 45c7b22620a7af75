"""Pure computations of DOMAIN §3–§5: DataFrames and scalars in, new DataFrames and scalars out.

Nothing here imports streamlit or sqlalchemy, and no function mutates its input.
"""
