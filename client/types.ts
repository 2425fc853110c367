/** JSON shapes of the REST API (camelCase, Kubernetes/Cozystack style). */

export interface Tenant {
  readonly id: string;
  readonly name: string;
  /** null only for the organisation root. */
  readonly parentId: string | null;
  readonly path: string;
  readonly namespace: string;
  readonly description: string | null;
  readonly labels: Record<string, string>;
  readonly deletionProtection: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TenantCreate {
  name: string;
  parentId?: string;
  description?: string | null;
  labels?: Record<string, string> | null;
  deletionProtection?: boolean;
}

export type TenantUpdate = Partial<Pick<TenantCreate, 'description' | 'labels' | 'deletionProtection'>>;

export interface List<T> {
  readonly items: T[];
}

/** One failing field of a request: `path` holds API (camelCase) names and map keys. */
export interface FieldError {
  readonly field: string;
  readonly path: (string | number)[];
  readonly reason: string;
}

/** RFC 9457 problem details, as every error response carries. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: FieldError[];
}
