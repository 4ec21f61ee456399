"""The backend: binds operands by joining facts and evaluates every rule instance column-wise."""
