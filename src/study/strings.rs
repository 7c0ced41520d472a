//! The French texts of the study layer: what both front ends say when a module or a case
//! asked for does not exist.

/// « module inconnu « x » ; modules disponibles : a, b ».
pub fn unknown_module(id: &str, known: &[&str]) -> String {
    format!(
        "module inconnu « {id} » ; modules disponibles : {}",
        list(known)
    )
}

/// « cas inconnu « x » dans le module « m » ; cas disponibles : a, b ».
pub fn unknown_case(id: &str, module_id: &str, known: &[&str]) -> String {
    format!(
        "cas inconnu « {id} » dans le module « {module_id} » ; cas disponibles : {}",
        list(known)
    )
}

fn list(ids: &[&str]) -> String {
    if ids.is_empty() {
        "aucun".to_owned()
    } else {
        ids.join(", ")
    }
}
